"""The translator's and the Spanish reviewer's jobs, from the demo, each with their own login and no
other's help (issue 17, "Done when").

The demo's fifth module is new and in English only (demo/data/learning.json). The `translator` login
finds it missing on the translation status page, starts its translation with its two segments, lets
machine translation draft every string, then replaces the draft with their own Spanish through a PO
file round trip, and submits each page to Spanish review. The `reviewer` login, whose admin is in
Spanish, opens each review beside the English and approves it; a member then reads the module in
Spanish. The reviewers' and the translator's emails are read.
"""

import os
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from demo.management.commands.load_demo_content import DEFAULT_DEMO_PASSWORD
from learning.models import ModulePage, SegmentPage
from tests.translation_workflow.translation_editor import translate_then_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MODULE = "Noticing the good days"
SEGMENTS = ("Small rewards for sober time", "When the day goes badly")

# The translator's own Spanish for every string of the module and its segments.
SPANISH = {
    "Noticing the good days": "Fijarse en los días buenos",
    "module-5": "modulo-5",
    "New this month, in English first: how to notice and reward the days without substance use, so they "
    "come more often.": "Nuevo este mes: cómo notar y premiar los días sin consumo, para que lleguen más a menudo.",
    "Notice a sober hour out loud": "Decir en voz alta que nota una hora sin consumo",
    "Choose a reward that costs little": "Elegir un premio que cueste poco",
    "Small rewards for sober time": "Pequeños premios por el tiempo sin consumo",
    "segment-1": "segmento-1",
    "When your loved one spends an evening sober, say what you enjoyed about it: a meal together, a film, a "
    "walk. Keep it short and warm, and leave the past out of it.": "Cuando su ser querido pase una tarde sin "
    "consumir, dígale qué disfrutó de ella: una comida juntos, una película, un paseo. Sea breve y cálido, y "
    "deje el pasado fuera.",
    "A reward works best soon after the sober time, and when it is something your loved one values.": "Un "
    "premio funciona mejor poco después del tiempo sin consumo y cuando es algo que su ser querido valora.",
    "When the day goes badly": "Cuando el día sale mal",
    "segment-2": "segmento-2",
    "On a day with use, step back from the reward quietly rather than with a lecture. The next sober hour is "
    "a fresh chance to notice something good.": "Un día con consumo, retire el premio con calma y sin sermones. "
    "La próxima hora sin consumo es una nueva oportunidad de notar algo bueno.",
}


def log_in(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD))
    page.locator("form button[type=submit]").first.click()
    expect(page).to_have_url(base_url + "/admin/")


def status_row(page, title):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=title, exact=True))


def test_the_translator_translates_the_new_module_and_the_reviewer_publishes_it(
    committed_demo, live_server, browser, browser_page, mailoutbox, tmp_path
):
    mailoutbox.clear()
    base = live_server.url
    page = browser_page
    page.set_default_timeout(20_000)

    # The translator finds the new module missing in Spanish and starts it with its segments.
    log_in(page, base, "translator")
    page.goto(base + "/admin/translation-workflow/status/?status=missing")
    status_row(page, MODULE).get_by_role("link", name="Translate").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Translate page")
    page.get_by_label("Include subtree (2 pages)").check()
    page.get_by_role("button", name="Submit").click()
    translate_then_submit(page, tmp_path, "module", SPANISH)

    for number, title in enumerate(SEGMENTS, start=1):
        page.goto(base + "/admin/translation-workflow/status/?status=in_progress")
        status_row(page, title).get_by_role("link", name="Edit translation").click()
        translate_then_submit(page, tmp_path, f"segment-{number}", SPANISH)
    page.goto(base + "/admin/translation-workflow/status/?status=in_review")
    for title in (MODULE, *SEGMENTS):
        expect(status_row(page, title)).to_have_count(1)
    # The Spanish reviewers were told, in Spanish, that work waits for them.
    reviewer = get_user_model().objects.get(username="reviewer")
    assert [email for email in mailoutbox if reviewer.email in email.to]

    # The reviewer works in the Spanish admin: each page compared with the English, then approved.
    profile = UserProfile.get_for_user(reviewer)
    profile.preferred_language = "es"
    profile.save()
    context = browser.new_context(locale="es-ES")
    review = context.new_page()
    review.set_default_timeout(20_000)
    try:
        log_in(review, base, "reviewer")
        for spanish_title in (SPANISH[MODULE], *(SPANISH[title] for title in SEGMENTS)):
            review.goto(base + "/admin/translation-workflow/status/?status=in_review")
            # The status page names pages by their English title.
            english_title = next(title for title in (MODULE, *SEGMENTS) if SPANISH[title] == spanish_title)
            status_row(review, english_title).get_by_role("link", name="Abrir la revisión").click()
            expect(review.get_by_role("heading", name="Inglés (publicado)")).to_be_visible()
            expect(review.frame_locator("iframe").last.locator("body")).to_contain_text(spanish_title)
            review.get_by_role("button", name="Aprobar y publicar").click()
            expect(review.get_by_text("Aprobada y publicada en español.")).to_be_visible()

        # A member reads the new module in Spanish.
        review.goto(base + "/es/aprendizaje/modulo-5/")
        expect(review.get_by_role("heading", level=1)).to_contain_text(SPANISH[MODULE])
        expect(review.get_by_role("link", name=re.compile(SPANISH[SEGMENTS[0]]))).to_be_visible()
    finally:
        context.close()

    spanish_module = ModulePage.objects.get(number=5, locale__language_code="es")
    assert spanish_module.live and spanish_module.title == SPANISH[MODULE]
    assert SegmentPage.objects.child_of(spanish_module).live().count() == 2
    # The translator heard that the reviewer published their work.
    translator = get_user_model().objects.get(username="translator")
    assert [email for email in mailoutbox if translator.email in email.to]
