"""The translator's and the Spanish reviewer's jobs in Chromium, each with their own login: the
translator translates a module (machine draft, then a PO file round trip offline) and submits it;
the reviewer compares, approves, and the Spanish page goes live. Axe checks the screens we built."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.members.factories import PASSWORD

from .conftest import MODULE_SPANISH
from .translation_editor import translate_then_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(base_url + "/admin/")


def serious_accessibility_issues(page, *selectors):
    """Axe's serious and critical findings, within `selectors` (the parts of a screen we built)."""
    context = {"include": [[selector] for selector in selectors]} if selectors else None
    violations = Axe().run(page, context=context).response["violations"]
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])})"
        for violation in violations
        if violation["impact"] in ("serious", "critical")
    ]


def test_translator_translates_and_submits_a_module_and_a_reviewer_publishes_it(
    live_server, browser, browser_page, a_module, a_translator, a_reviewer, tmp_path
):
    page = browser_page
    log_in(page, live_server.url, "translator")
    page.goto(live_server.url + "/admin/translation-workflow/status/?section=talking-without-blame&status=missing")
    # The module's segments sit in its section, so their rows mention it too: the module comes first.
    page.get_by_role("row").filter(has_text="Talking without blame").first.get_by_role("link", name="Translate").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Translate page")
    page.get_by_role("button", name="Submit").click()

    # The translation editor: our footer in place of wagtail-localize's, the job as its main button.
    footer = page.locator("[data-translation-footer]")
    expect(footer.get_by_role("button", name="Submit for Spanish review")).to_be_visible()
    expect(page.locator(".js-translation-editor footer.footer")).to_be_hidden()
    expect(footer.get_by_role("button", name=re.compile("Publish"))).to_have_count(0)
    footer.get_by_role("button", name="More actions").click()
    expect(footer.get_by_role("button", name="Stop synced translation")).to_be_visible()
    assert serious_accessibility_issues(page, "[data-translation-footer]", "[data-spanish-review-notice]") == []
    page.keyboard.press("Escape")

    # A machine draft of every string, then the PO file round trip replaces it with human Spanish.
    translate_then_submit(page, tmp_path, "module", MODULE_SPANISH)
    expect(page.locator("[data-spanish-review-notice]")).to_contain_text("waiting for a Spanish reviewer")

    reviewer_context = browser.new_context(locale="en-US")
    reviewer = reviewer_context.new_page()
    reviewer.set_default_timeout(15_000)
    try:
        log_in(reviewer, live_server.url, "reviewer")
        reviewer.goto(live_server.url + "/admin/translation-workflow/status/?status=in_review")
        row = reviewer.get_by_role("row").filter(has_text="Talking without blame")
        row.get_by_role("link", name="Open review").click()
        expect(reviewer.get_by_role("heading", name="English (published)")).to_be_visible()
        expect(reviewer.frame_locator("iframe").first.locator("body")).to_contain_text("Calm words open doors")
        assert serious_accessibility_issues(reviewer, ".translation-review") == []
        reviewer.get_by_role("button", name="Approve and publish").click()
        expect(reviewer.get_by_text("Approved and published in Spanish.")).to_be_visible()

        reviewer.goto(live_server.url + "/es/hablar-sin-culpar/")
        expect(reviewer.get_by_role("heading", level=1)).to_have_text("Hablar sin culpar")
        expect(reviewer.get_by_text("Las palabras tranquilas abren puertas")).to_be_visible()
    finally:
        reviewer_context.close()
