"""The moderator's job in Chromium with their own login: filter the queue, approve and remove from the
row, approve in bulk, in the English and the Spanish admin; axe finds nothing serious on the queue."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from comments.models import CommentReview, HoldReason
from tests.comments.factories import add_comment
from tests.members.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def held(page, user, text, reason=HoldReason.NEW_MEMBER):
    comment = add_comment(page, user, text, is_public=False)
    CommentReview.objects.create(comment=comment, hold_reason=reason)
    return comment


def serious_accessibility_issues(page, *selectors):
    context = {"include": [[selector] for selector in selectors]}
    violations = Axe().run(page, context=context).response["violations"]
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])})"
        for violation in violations
        if violation["impact"] in ("serious", "critical")
    ]


def row(page, text):
    return page.get_by_role("row").filter(has_text=text)


def test_a_moderator_clears_the_queue_by_filter_row_and_bulk_actions_in_english_and_spanish(
    live_server, browser_page, a_post, a_spanish_post, a_member, another_member, a_moderator
):
    held(a_post, a_member, "First words from a new member")
    held(a_post, another_member, "Another first comment")
    held(a_spanish_post, another_member, "Hay noches en que ya no quiero seguir", reason=HoldReason.SAFETY)
    add_comment(a_post, a_member, "Buy cheap pills at my shop")
    page = browser_page
    base = live_server.url

    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Comment moderation").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Comment moderation")
    expect(page.get_by_role("link", name="Waiting for review (3)")).to_be_visible()
    assert serious_accessibility_issues(page, "#listing-results", ".comment-queue__tabs") == []

    # Filter: the safety hold, in Spanish; approve it from its row.
    page.get_by_role("button", name="Show filters").click()
    page.get_by_role("button", name="Why here").click()
    page.get_by_label("Why here").select_option("safety")
    expect(row(page, "Another first comment")).to_have_count(0)
    expect(row(page, "Hay noches")).to_have_count(1)
    assert serious_accessibility_issues(page, "#listing-results") == []
    row(page, "Hay noches").get_by_role("button", name="Approve").click()
    expect(page.get_by_text("1 comment approved.")).to_be_visible()

    # A published comment nobody reported, removed from its row with a reason the member is told.
    page.goto(base + "/admin/comments/?status=published")
    row(page, "Buy cheap pills").get_by_role("link", name="Remove…").click()
    page.get_by_label("Reason for removal").fill("Advertising is not allowed here.")
    page.get_by_role("button", name="Remove").click()
    expect(page.get_by_text("1 comment removed. Its author is told why.")).to_be_visible()

    # Bulk: both new members' comments approved at once.
    page.goto(base + "/admin/comments/")
    for text in ("First words from a new member", "Another first comment"):
        row(page, text).get_by_role("checkbox").check()
    page.locator("[data-bulk-action-footer]").get_by_role("link", name="Approve").click()
    page.get_by_role("button", name="Yes, approve").click()
    expect(page.get_by_text("2 comments approved.")).to_be_visible()
    expect(page.get_by_role("link", name="Waiting for review (0)")).to_be_visible()

    # The Spanish admin: the same screen and messages in Spanish.
    held(a_spanish_post, a_member, "Mi primer comentario")
    profile = UserProfile.get_for_user(a_moderator)
    profile.preferred_language = "es"
    profile.save()
    page.goto(base + "/admin/comments/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Moderación de comentarios")
    assert serious_accessibility_issues(page, "#listing-results", ".comment-queue__tabs") == []
    row(page, "Mi primer comentario").get_by_role("button", name="Aprobar").click()
    expect(page.get_by_text("1 comentario aprobado.")).to_be_visible()
