"""The translator's journey through the admin in Chromium, then the reviewer's approval."""

import re

import pytest
from playwright.sync_api import expect

from tests.members.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(base_url + "/admin/")


def test_translator_translates_from_the_status_report_and_a_reviewer_publishes(
    live_server, browser, browser_page, a_module, a_translator, a_reviewer
):
    page = browser_page
    log_in(page, live_server.url, "translator")
    expect(page.get_by_text("Spanish translations")).to_be_visible()

    page.goto(live_server.url + "/admin/translation-workflow/status/?section=talking-without-blame&status=missing")
    # The module's segments sit in its section, so their rows mention it too: the module comes first.
    row = page.get_by_role("row").filter(has_text="Talking without blame").first
    row.get_by_role("link", name="Translate").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Translate page")
    page.get_by_role("button", name="Submit").click()

    # The translation editor, with the review path added above it.
    notice = page.locator("[data-spanish-review-notice]")
    expect(notice).to_contain_text("send the page to a Spanish reviewer")
    notice.get_by_role("link", name="Submit for Spanish review").click()
    expect(page.get_by_text("strings are translated")).to_be_visible()
    page.get_by_role("button", name="Submit for Spanish review").click()
    expect(page.get_by_text("Sent to the Spanish reviewers")).to_be_visible()
    expect(page.locator("[data-spanish-review-notice]")).to_contain_text("waiting for a Spanish reviewer")

    reviewer_context = browser.new_context(locale="en-US")
    reviewer = reviewer_context.new_page()
    try:
        log_in(reviewer, live_server.url, "reviewer")
        reviewer.goto(live_server.url + "/admin/translation-workflow/status/?status=in_review")
        reviewer.get_by_role("row").filter(has_text="Talking without blame").get_by_role(
            "link", name="Open review"
        ).click()
        expect(reviewer.get_by_role("heading", name="English (published)")).to_be_visible()
        expect(reviewer.frame_locator("iframe").first.locator("body")).to_contain_text("Calm words open doors")
        reviewer.get_by_role("button", name="Approve and publish").click()
        expect(reviewer.get_by_text("Approved and published in Spanish.")).to_be_visible()
        expect(reviewer).to_have_url(re.compile(r"/admin/translation-workflow/status/"))
    finally:
        reviewer_context.close()
