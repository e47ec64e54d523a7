"""A real phone-sized browser: a member opens a passage behind a content note, then chooses to always open them."""

import pytest
from playwright.sync_api import expect

from .test_content_notes import ENGLISH_URL, PASSAGE, a_noted_segment  # noqa: F401 (a fixture)
from .test_progress_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_member_opens_a_noted_passage_and_then_chooses_always_open(
    live_server,
    browser_page,
    a_noted_segment,  # noqa: F811 (the fixture imported above)
    a_member,  # noqa: F811
):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, a_member)
    page.goto(live_server.url + ENGLISH_URL)
    passage = page.get_by_text(PASSAGE)
    expect(passage).to_be_hidden()
    summary = page.locator("summary.content-note__summary")
    expect(summary).to_have_text("Content note: describes an overdose")
    summary.click()  # no script on the page does this: it is the browser's own <details>
    expect(passage).to_be_visible()

    page.goto(live_server.url + "/members/me/")
    page.get_by_label("Always open").check()
    page.get_by_role("button", name="Save your profile").click()
    page.goto(live_server.url + ENGLISH_URL)
    expect(page.locator("details.content-note")).to_have_attribute("open", "")
    expect(passage).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing overflows the phone's width
