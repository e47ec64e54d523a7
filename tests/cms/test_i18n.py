import re

import pytest

from home.models import HomePage, StandardPage
from tests.links import BASE_URL

pytestmark = pytest.mark.django_db


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', html))


def switcher(html):
    nav = html.split('class="language-nav"', 1)[1].split("</nav>", 1)[0]
    return dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav))


def test_english_home_is_served_at_the_root_in_english(a_spanish_home_page, client):
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Helping a loved one" in html
    assert alternates(html) == {"en": f"{BASE_URL}/", "es": f"{BASE_URL}/es/"}
    assert switcher(html) == {"/es/": "es"}


def test_spanish_home_is_served_under_es_in_spanish(a_spanish_home_page, client):
    html = client.get("/es/").content.decode()
    assert '<html lang="es">' in html
    assert "Ayudar a un ser querido" in html
    assert "Saltar al contenido principal" in html, "UI strings come from locale/es"
    assert switcher(html) == {"/": "en"}


def test_switcher_links_to_the_translation_of_the_current_page(a_spanish_home_page, translate, client):
    home = HomePage.objects.get(locale__language_code="en")
    page = home.add_child(instance=StandardPage(title="About", slug="about", intro="Who we are"))
    page.save_revision().publish()
    translate(page, {"About": "Acerca de", "about": "acerca-de", "Who we are": "Quiénes somos"})

    html = client.get("/about/").content.decode()
    assert switcher(html) == {"/es/acerca-de/": "es"}
    assert alternates(html)["es"] == f"{BASE_URL}/es/acerca-de/"
    html = client.get("/es/acerca-de/").content.decode()
    assert "Quiénes somos" in html
    assert switcher(html) == {"/about/": "en"}


def test_a_page_without_translation_links_to_the_other_home_but_announces_no_alternate(a_spanish_home_page, client):
    home = HomePage.objects.get(locale__language_code="en")
    home.add_child(instance=StandardPage(title="English only", slug="english-only"))
    html = client.get("/english-only/").content.decode()
    assert switcher(html) == {"/es/?untranslated=1": "es"}
    assert set(alternates(html)) == {"en"}, "hreflang only points at pages that exist"


def test_an_untranslated_page_switches_to_its_translated_section_with_a_polite_notice(
    a_spanish_home_page, translate, client
):
    home = HomePage.objects.get(locale__language_code="en")
    section = home.add_child(instance=StandardPage(title="About", slug="about"))
    section.save_revision().publish()
    translate(section, {"About": "Acerca de", "about": "acerca-de"})
    section.add_child(instance=StandardPage(title="Our team", slug="team")).save_revision().publish()

    html = client.get("/about/team/").content.decode()
    assert switcher(html) == {"/es/acerca-de/?untranslated=1": "es"}
    assert set(alternates(html)) == {"en"}
    notice = client.get("/es/acerca-de/?untranslated=1").content.decode()
    assert "todavía no está disponible en este idioma" in notice
    assert "todavía no está disponible" not in client.get("/es/acerca-de/").content.decode()


def test_pages_outside_wagtail_switch_language_by_prefix(a_spanish_home_page, client):
    html = client.get("/accounts/login/").content.decode()
    assert switcher(html) == {"/es/cuentas/login/": "es"}
