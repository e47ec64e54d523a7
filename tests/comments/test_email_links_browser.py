"""A real browser follows the links of a reply notification exactly as the email gives them."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from comments.models import FollowUp
from tests.comments.factories import add_comment, form_data
from tests.comments.test_reply_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_member_follows_read_and_reply_to_the_comment_then_unsubscribes(
    public_live_server, browser_page, a_post, a_member, another_member, mailoutbox
):
    question = add_comment(a_post, a_member, "Does it get easier?")
    FollowUp.objects.create(user=a_member, comment=question, scope=FollowUp.Scope.REPLIES)
    replier = Client()
    replier.force_login(another_member)
    response = replier.post(reverse("comments:post"), form_data(a_post, "It did for us, slowly.", reply_to=question.pk))
    assert response.status_code == 302

    (email,) = mailoutbox
    read_and_reply = re.search(r"Read and reply: (\S+)", email.body).group(1)
    unsubscribe = re.search(r"no login needed\):\s+(\S+)", email.body).group(1)
    assert read_and_reply.startswith(public_live_server.url + "/")
    assert unsubscribe.startswith(public_live_server.url + "/")

    page = browser_page
    log_in(page, public_live_server, a_member)
    page.goto(read_and_reply)
    expect(page).to_have_url(read_and_reply)
    reply = page.locator(f"#c{read_and_reply.rsplit('#c', 1)[1]}")
    expect(reply).to_contain_text("It did for us, slowly.")
    expect(reply).to_be_in_viewport()
    expect(reply.locator(".comment__reply").first).to_be_visible()

    # The unsubscribe link needs no login: a mail client may open it anywhere.
    page.context.clear_cookies()
    page.goto(unsubscribe)
    expect(page.get_by_role("heading", level=1)).to_have_text("Stop these comment emails?")
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are unsubscribed")
    assert not FollowUp.objects.filter(user=a_member).exists()
