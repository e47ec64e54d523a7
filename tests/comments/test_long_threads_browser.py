"""On a phone, a long discussion's next part is fetched in place (comments/static/comments/threads.js),
and an old link to a comment deep in it still lands on the comment."""

import re

import pytest
from playwright.sync_api import expect

from tests.comments.factories import add_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_more_comments_and_the_rest_of_a_conversation_load_in_place(
    live_server, browser_page, a_post, a_member, another_member
):
    long_one = add_comment(a_post, a_member, "How do you stay calm when he comes home late?")
    for number in range(24):
        add_comment(a_post, another_member, f"Reply {number}", parent=long_one)
    roots = [add_comment(a_post, a_member, f"Opening {number}") for number in range(34)]
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + a_post.url)
    top = page.locator("#comments > ol.comment-list > li")
    expect(top).to_have_count(30)

    page.get_by_role("link", name="Show more comments").click()
    expect(top).to_have_count(35)
    expect(page).to_have_url(re.compile(rf"{re.escape(a_post.url)}$"))  # fetched in place, not a new page
    expect(page.locator(f"#c{roots[29].pk}")).to_be_focused()
    expect(page.get_by_role("link", name="Show more comments")).to_have_count(0)

    expect(page.locator(f"#c{long_one.pk} li.comment")).to_have_count(20)
    page.get_by_role("link", name="Show the other 4 replies").click()
    expect(page.locator(f"#c{long_one.pk} li.comment")).to_have_count(24)
    expect(page.locator(f"#c{long_one.pk}")).to_be_focused()

    # A link written before the discussion grew: only the comment's id after the #.
    page.goto("about:blank")
    page.goto(live_server.url + a_post.url + f"#c{roots[-1].pk}")
    expect(page).to_have_url(re.compile(rf"\?comment={roots[-1].pk}#c{roots[-1].pk}$"))
    expect(page.locator(f"#c{roots[-1].pk}")).to_be_visible()
