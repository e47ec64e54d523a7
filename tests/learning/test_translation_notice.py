"""Spanish readers are told, calmly, when their page is behind the English one."""

import pytest
from bs4 import BeautifulSoup

from home.models import HomePage
from learning.models import ModulePage

from .factories import add_segment, module

pytestmark = pytest.mark.django_db


def notice(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    found = BeautifulSoup(response.content, "html.parser").select_one(".translation-notice")
    return found and " ".join(found.get_text(" ", strip=True).split()), found


def republish(page):
    page = type(page).objects.get(pk=page.pk)
    page.save_revision().publish()
    return page


def test_a_spanish_page_older_than_its_english_source_says_so_and_links_to_english(client, a_spanish_home_page):
    assert notice(client, "/es/")[0] is None, "a fresh translation needs no note"
    english = republish(HomePage.objects.get(locale__language_code="en"))

    text, element = notice(client, "/es/")
    assert text.startswith("Esta página se actualizó en inglés el ")
    assert "esos cambios aún no están en esta traducción" in text
    link = element.find("a")
    assert link["href"] == "/" and link["hreflang"] == "en"
    assert link.get_text(strip=True) == "Leer la versión en inglés"
    assert notice(client, "/")[0] is None, "English readers see nothing"
    assert english.show_translation_notice


@pytest.mark.parametrize("language", ["en", "es"])
def test_editors_turn_the_note_off_on_either_page(client, a_spanish_home_page, language):
    republish(HomePage.objects.get(locale__language_code="en"))
    page = HomePage.objects.get(locale__language_code=language)
    page.show_translation_notice = False
    page.save(update_fields=["show_translation_notice"])
    assert notice(client, "/es/")[0] is None


def test_a_spanish_module_missing_a_segment_says_so(client, a_bilingual_course, a_member):
    client.force_login(a_member)
    spanish_url = module(1, "es").url
    assert notice(client, spanish_url)[0] is None
    english_module = ModulePage.objects.get(pk=module(1).pk)
    add_segment(english_module, 3).save_revision().publish()

    text, element = notice(client, spanish_url)
    assert text.startswith("Algunos segmentos de este módulo aún no están traducidos.")
    assert "actualizó" not in text, "the module itself was not changed"
    assert element.find("a")["href"] == english_module.url
    assert notice(client, module(2, "es").url)[0] is None, "module 2 is complete"
