"""A real browser: a member, in Spanish, replies to a reply, meets the language coach and posts anyway."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django_comments_xtd.models import XtdComment
from playwright.sync_api import expect

from tests.comments.factories import add_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TEXT = "Mi hermano es drogadicto y aun así lo quiero muchísimo."


def log_in(browser_page, live_server, member):
    client = Client()
    client.force_login(member)
    browser_page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_a_member_replies_to_a_reply_in_spanish_and_sees_the_coachs_suggestion(
    live_server, browser_page, a_spanish_post, a_spanish_member, another_member, a_third_member, word_lists
):
    root = add_comment(a_spanish_post, another_member, "¿Alguien más se siente perdido al empezar?")
    reply = add_comment(a_spanish_post, a_third_member, "Yo sí. Me ayudó hablar con calma.", parent=root)
    page = browser_page
    log_in(page, live_server, a_spanish_member)

    page.goto(live_server.url + a_spanish_post.url)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.locator(f"#c{reply.pk} .comment__reply").first.click()
    expect(page).to_have_url(re.compile(rf"\?reply_to={reply.pk}#reply-form$"))
    form = page.locator(f"#c{reply.pk} form#reply-form")
    expect(form).to_be_visible()
    form.locator("textarea[name=comment]").fill(TEXT)
    form.locator("button[name=post]").click()

    coach = page.locator(".language-coach")
    expect(coach).to_be_visible()
    expect(coach.locator(".language-coach__found")).to_have_text("“drogadicto”")
    expect(coach.locator(".language-coach__suggestion")).to_have_text("persona que consume drogas")
    assert not XtdComment.objects.filter(comment=TEXT).exists(), "the coach never posts by itself"
    expect(page.locator("textarea[name=comment]")).to_have_value(TEXT)

    page.locator("form.comment-form button[name=post]").click()
    comment = XtdComment.objects.get(comment=TEXT)
    expect(page).to_have_url(re.compile(rf"/es/blog/empezar-a-hablar-1/#c{comment.pk}$"))
    posted = page.locator(f"#c{reply.pk} #c{comment.pk}")
    expect(posted).to_contain_text(TEXT)
    expect(posted.locator(".comment__author")).to_have_text("Lucía")
    assert (comment.parent_id, comment.level) == (reply.pk, 2)
