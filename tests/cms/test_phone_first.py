"""The phone-first frame of every page (issue 18): icons, share card, manifest, "Get help now",
"Exit this page" and its explanation, and the forms' labels."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from cms.illustrations import draw_icon, illustration
from cms.models import CrisisResource

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_the_generated_icon_not_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("/icons/favicon.ico")
    assert finders.find("icons/favicon.ico")


def test_the_app_manifest_names_the_site_in_the_readers_language(client):
    english = json.loads(client.get("/manifest.webmanifest").content)
    spanish = json.loads(client.get("/es/manifest.webmanifest").content)
    assert english["name"] == "CRAFT Family Support" and english["start_url"] == "/"
    assert spanish["name"] == "CRAFT Apoyo Familiar" and spanish["start_url"] == "/es/"
    assert spanish["theme_color"] == "#1f5f4a"
    for icon in english["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_every_page_carries_icons_theme_colour_and_a_share_card(client, a_home_page, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://craft.test:8203"
    html = client.get("/").content.decode()
    assert '<meta name="theme-color" content="#1f5f4a">' in html
    assert 'rel="apple-touch-icon"' in html and 'rel="manifest" href="/manifest.webmanifest"' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="og:image" content="http://craft.test:8203/static/icons/share.png">' in html
    assert '<meta property="og:title" content="Home">' in html
    assert '<meta property="og:locale" content="en_US">' in html
    assert '<meta property="og:locale" content="es_US">' in client.get("/es/buscar/").content.decode()


def test_exit_this_page_is_a_plain_link_to_a_neutral_site_in_each_language(client, settings):
    settings.QUICK_EXIT_URLS = {"en": "https://weather.example/", "es": "https://tiempo.example/"}
    exit_link = re.compile(r'<a class="quick-exit" href="([^"]+)" rel="noreferrer" data-quick-exit>([^<]+)</a>')
    assert exit_link.search(client.get("/search/").content.decode()).groups() == (
        "https://weather.example/",
        "Exit this page",
    )
    assert exit_link.search(client.get("/es/buscar/").content.decode()).groups() == (
        "https://tiempo.example/",
        "Salir de esta página",
    )


def test_the_exit_explanation_says_what_it_hides_and_what_it_does_not_in_both_languages(client):
    english = client.get("/quick-exit/").content.decode()
    spanish = client.get("/es/salida-rapida/").content.decode()
    assert "What it does not hide" in english and "browser history" in english
    assert "Lo que no oculta" in spanish and "historial de su navegador" in spanish
    assert 'href="/es/salida-rapida/"' in client.get("/es/buscar/").content.decode()


def test_get_help_now_opens_the_crisis_lines_with_tap_to_call_links_from_the_header(client, english):
    CrisisResource.objects.create(locale=english, name="988 Lifeline", contact="Any hour.", phone="988")
    html = client.get("/search/").content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert '<summary class="help-now__toggle">Get help now</summary>' in header
    assert 'href="tel:988"' in header
    footer = html[html.index("<footer") :]
    assert 'href="tel:988"' in footer, "the footer keeps them too"
    assert html.count('id="crisis-heading-footer"') == 1 and "crisis-heading-header" not in html


def test_the_login_field_says_what_to_type_and_remember_me_sits_beside_its_checkbox(client):
    english = client.get("/accounts/login/").content.decode()
    assert '<label for="id_login">Username or email address</label>' in english
    assert "Login:" not in english and "Remember Me:" not in english
    assert english.index('name="remember"') < english.index('<label for="id_remember">')
    spanish = client.get("/es/cuentas/login/").content.decode()
    assert '<label for="id_login">Nombre de usuario o correo electrónico</label>' in spanish
    assert "Iniciar sesión:" not in spanish


def test_the_coachs_suggestion_and_its_reason_are_set_apart():
    css = open(finders.find("css/site.css")).read()  # noqa: SIM115, PTH123 (a test reads one file)
    assert ".language-coach__note { display: block;" in css


def test_illustrations_and_icons_are_drawn_the_same_on_every_run():
    assert illustration(3) == illustration(3)
    assert illustration(3) != illustration(4)
    with Image.open(finders.find("icons/icon-192.png")) as committed:
        assert committed.convert("RGBA").tobytes() == draw_icon(192).tobytes(), "run scripts/make_illustrations.py"


def test_the_header_and_the_footer_read_the_crisis_lines_once(client, english, settings):
    settings.CACHE_MIDDLEWARE_SECONDS = 0  # no chrome cache: each read would be a query
    CrisisResource.objects.create(locale=english, name="988 Lifeline", contact="Any hour.", phone="988")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/search/").content.decode()
    assert html.count('href="tel:988"') == 2
    assert sum("cms_crisisresource" in query["sql"] for query in queries.captured_queries) == 1
