"""On a phone (390x844), in both languages: the journal reads well, and printed it is only the journal."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from learning.journal import save_journal_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
JOURNAL = {"en": ("/learning/journal/", "The journal of ana"), "es": ("/es/aprendizaje/diario/", "El diario de ana")}


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_printed_journal_shows_the_answers_without_the_sites_menus(
    language, live_server, browser_page, a_bilingual_course, an_exercise, a_member
):
    save_journal_entry(a_member, an_exercise, {an_exercise.questions[0].id: "We laughed at dinner."}, True)
    client = Client()
    client.force_login(a_member)
    page = browser_page
    page.set_viewport_size(PHONE)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    path, printed_heading = JOURNAL[language]
    page.goto(live_server.url + path)
    expect(page.locator(".journal-entry")).to_contain_text("We laughed at dinner.")
    expect(page.locator(".journal-print-hint")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".journal-print-hint")).to_be_hidden()
    expect(page.locator(".journal-print-date")).to_contain_text(printed_heading)
    expect(page.locator(".journal-entry")).to_contain_text("We laughed at dinner.")
    assert page.pdf(format="Letter")[:4] == b"%PDF"
