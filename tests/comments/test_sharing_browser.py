"""A real phone-sized browser: a member, in Spanish, replies with advice and a phone number, sees the
"share, don't advise" nudge and the identifying-details hint, rewrites the reply and posts it."""

import re

import pytest
from django_comments_xtd.models import XtdComment
from playwright.sync_api import expect

from comments.models import AdviceNudgeCount
from tests.comments.factories import add_comment
from tests.comments.test_reply_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ADVICE = "Tienes que echarlo de casa. Si quiere hablar, llámeme al 305-555-0142."
SHARED = "A mí me ayudó poner límites claros en casa. Aquí estoy si quiere hablar."


def test_a_member_on_a_phone_is_nudged_to_share_and_warned_about_a_phone_number_then_posts(
    live_server,
    browser_page,
    a_spanish_post,
    a_spanish_member,
    another_member,
    a_third_member,
    sharing_lists,
):
    root = add_comment(a_spanish_post, another_member, "Mi hijo volvió a consumir. ¿Qué hago?")
    reply = add_comment(a_spanish_post, a_third_member, "Yo pasé por lo mismo el año pasado.", parent=root)
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, a_spanish_member)

    page.goto(live_server.url + a_spanish_post.url)
    page.locator(f"#c{reply.pk} .comment__reply").first.click()
    form = page.locator(f"#c{reply.pk} form#reply-form")
    form.locator("textarea[name=comment]").fill(ADVICE)
    form.locator("button[name=post]").click()

    nudge = page.locator(".advice-nudge")
    expect(nudge).to_be_visible()
    expect(nudge).to_contain_text("Comparta lo que ha vivido")
    expect(nudge.locator(".advice-nudge__found")).to_have_text("“Tienes que”")
    expect(nudge.locator(".advice-nudge__suggestion")).to_have_text("En mi familia, lo que funcionó fue …")
    hint = page.locator(".identifying-hint")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("Los seudónimos le protegen")
    expect(hint).to_contain_text("un número de teléfono")
    expect(page.locator(".comment-preview mark[data-kind=phone]")).to_have_text("305-555-0142")
    assert hint.bounding_box()["width"] <= 390, "the hint fits the phone's screen"
    assert not XtdComment.objects.filter(comment=ADVICE).exists(), "nothing posts until the member chooses"

    text = page.locator("textarea[name=comment]")
    expect(text).to_have_value(ADVICE)
    text.fill(SHARED)
    page.locator("form.comment-form button[name=post]").click()

    comment = XtdComment.objects.get(comment=SHARED)
    expect(page).to_have_url(re.compile(rf"/es/blog/empezar-a-hablar-1/#c{comment.pk}$"))
    expect(page.locator(f"#c{reply.pk} #c{comment.pk}")).to_contain_text(SHARED)
    assert comment.parent_id == reply.pk
    assert not XtdComment.objects.filter(comment=ADVICE).exists()
    count = AdviceNudgeCount.objects.get()
    assert (count.language_code, count.shown, count.followed) == ("es", 1, 1)
