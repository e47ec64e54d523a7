"""The moderator's first shift, from the demo, with no other login's help (issue 17, "Done when").

The demo leaves three comments for a moderator (demo/data/comments.json "moderation_queue"): one held
because its author is new, one held by the safety hold (in Spanish), and one published but reported.
The `moderator` login clears the queue by filter and row action: writes privately to the member
behind the safety hold and approves it, removes the reported advice with a reason its author is
told, approves the new member's first comment. Then the same screen in Spanish, the language the
moderator chose for the admin. Every email the shift sends is read.
"""

import os

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from demo.management.commands.load_demo_content import DEFAULT_DEMO_PASSWORD

User = get_user_model()

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def row(page, text):
    return page.get_by_role("row").filter(has_text=text)


def filter_by_reason(page, reason):
    page.get_by_role("button", name="Show filters").click()
    page.get_by_role("button", name="Why here").click()
    page.get_by_label("Why here").select_option(reason)


def test_the_moderator_clears_the_demo_queue_by_filter_and_row_action(
    committed_demo, live_server, browser_page, mailoutbox
):
    mailoutbox.clear()
    page = browser_page
    page.set_default_timeout(20_000)
    base = live_server.url

    page.goto(base + "/admin/login/")
    page.locator("input[name=username]").fill("moderator")
    page.locator("input[name=password]").fill(os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD))
    page.locator("form button[type=submit]").first.click()
    page.get_by_role("link", name="Comment moderation").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Comment moderation")
    expect(page.get_by_role("link", name="Waiting for review (2)")).to_be_visible()
    expect(page.get_by_role("link", name="Reported by members (1)")).to_be_visible()
    # The queue names members by pseudonym, never by address.
    for member in User.objects.filter(username__in=["luz_del_sur", "river.stone", "steady_oak"]):
        expect(page.locator("main")).not_to_contain_text(member.email)

    # The safety hold first: filtered out of the rest, a private word to its author, then approved.
    filter_by_reason(page, "safety")
    expect(row(page, "Hay noches en que ya no quiero seguir")).to_have_count(1)
    expect(row(page, "Is it normal to feel this angry")).to_have_count(0)
    row(page, "Hay noches").get_by_role("link", name="Write to the member").click()
    page.get_by_label("Your message").fill(
        "Gracias por escribir. Si esta noche se siente en peligro, llame o envíe un mensaje al 988."
    )
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Your message was sent to the member.")).to_be_visible()
    luz = User.objects.get(username="luz_del_sur")
    (letter,) = [email for email in mailoutbox if email.to == [luz.email]]
    assert "988" in letter.body and "moderator" not in letter.body.lower()
    # Back on the queue as it was left, still filtered to the safety hold.
    expect(row(page, "Is it normal to feel this angry")).to_have_count(0)
    row(page, "Hay noches").get_by_role("button", name="Approve").click()
    expect(page.get_by_text("1 comment approved.")).to_be_visible()

    # The reported advice, under its own tab: removed from its row, with a reason its author is told.
    page.get_by_role("link", name="Reported by members (1)").click()
    row(page, "You should just kick them out").get_by_role("link", name="Remove…").click()
    page.get_by_label("Reason for removal").fill("Advice to others is not how this space works: share what you lived.")
    page.get_by_role("button", name="Remove").click()
    expect(page.get_by_text("1 comment removed. Its author is told why.")).to_be_visible()
    oak = User.objects.get(username="steady_oak")
    (removal,) = [email for email in mailoutbox if email.to == [oak.email]]
    assert "share what you lived" in removal.body

    # The new member's first comment, approved from its row: the queue is clear.
    page.goto(base + "/admin/comments/")
    row(page, "Is it normal to feel this angry").get_by_role("button", name="Approve").click()
    expect(page.get_by_text("1 comment approved.")).to_be_visible()
    expect(page.get_by_role("link", name="Waiting for review (0)")).to_be_visible()
    expect(page.get_by_role("link", name="Reported by members (0)")).to_be_visible()
    expect(page.get_by_text("Nothing here. Thank you for keeping the conversation kind.")).to_be_visible()

    # Readers see the approved comments and not the removed one.
    page.goto(base + "/blog/where-do-i-even-begin/")
    expect(page.get_by_text("Is it normal to feel this angry?")).to_be_visible()
    expect(page.get_by_text("You should just kick them out")).to_have_count(0)

    # The same queue in Spanish, the moderator's own choice of language.
    moderator = User.objects.get(username="moderator")
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "es"
    profile.save()
    page.goto(base + "/admin/comments/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Moderación de comentarios")
    expect(page.get_by_text("No hay nada aquí.", exact=False)).to_be_visible()
