"""A real phone-sized browser: a member mutes another, sees the comment collapsed, opens it, and unmutes."""

import re

import pytest
from playwright.sync_api import expect

from members.models import Mute
from tests.comments.factories import add_comment
from tests.comments.test_reply_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_member_on_a_phone_mutes_a_member_shows_the_comment_and_unmutes_from_the_profile(
    live_server, browser_page, a_post, a_member, another_member, a_third_member
):
    opening = add_comment(a_post, another_member, "We started with one calm sentence at breakfast.")
    reply = add_comment(a_post, a_third_member, "Breakfast worked for us too.", parent=opening)
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, a_member)

    page.goto(live_server.url + a_post.url)
    comment = page.locator(f"#c{opening.pk}")
    mute = comment.locator(".comment__body").first.get_by_role("button", name="Mute")
    expect(mute).to_be_visible()
    mute.click()

    expect(page).to_have_url(re.compile(rf"{re.escape(a_post.url)}\?comment={opening.pk}#c{opening.pk}$"))
    expect(page.get_by_text("You muted luis.")).to_be_visible()
    summary = comment.locator("details.comment__muted > summary")
    expect(summary).to_have_text("Comment from a member you muted")
    text = comment.locator("details .comment__text")
    expect(text).to_be_hidden()
    expect(page.locator(f"#c{reply.pk} .comment__text")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "nothing overflows the phone's width"

    summary.click()
    expect(text).to_have_text("We started with one calm sentence at breakfast.")
    expect(text).to_be_visible()
    expect(comment.locator("details button.comment__unmute")).to_be_visible()

    # The member's profile lists everyone they muted (the opened comment has its own Unmute too).
    page.goto(live_server.url + "/members/me/#muted")
    muted_list = page.locator("#muted")
    expect(muted_list.locator("li")).to_have_text(re.compile("luis"))
    muted_list.get_by_role("button", name="Unmute luis").click()
    expect(page.get_by_text("Unmuted. Their comments show in full again.")).to_be_visible()
    expect(page.locator("#muted li")).to_have_count(0)
    assert not Mute.objects.exists()

    page.goto(live_server.url + a_post.url)
    expect(page.locator(f"#c{opening.pk} details")).to_have_count(0)
    expect(page.locator(f"#c{opening.pk} .comment__text").first).to_be_visible()
