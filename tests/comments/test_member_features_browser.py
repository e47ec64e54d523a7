"""On a phone (390x844), in both languages: a member edits their comment, another reports it with a
reason and takes the report back within the minute."""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment
from playwright.sync_api import expect

from comments.models import CommentReport
from tests.comments.factories import add_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
WORDS = {
    "en": {"edit": "Edit", "save": "Save my changes", "edited": "(edited)", "report": "Report",
           "reason": "It could identify someone or shares private details", "send": "Send the report",
           "undo": "Undo my report", "taken_back": "Your report was taken back."},
    "es": {"edit": "Editar", "save": "Guardar mis cambios", "edited": "(editado)", "report": "Reportar",
           "reason": "Podría identificar a alguien o comparte datos privados", "send": "Enviar el reporte",
           "undo": "Deshacer mi reporte", "taken_back": "Su reporte se retiró."},
}  # fmt: skip


def log_in(page, live_server, member):
    client = Client()
    client.force_login(member)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.clear_cookies()
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])


@pytest.fixture
def the_post(request, a_post):
    return request.getfixturevalue("a_spanish_post") if request.param == "es" else a_post


@pytest.mark.parametrize(("language", "the_post"), [("en", "en"), ("es", "es")], indirect=["the_post"])
def test_on_a_phone_a_member_edits_their_comment_and_another_reports_it_then_takes_it_back(
    language, the_post, live_server, browser_page, a_member, another_member
):
    words = WORDS[language]
    comment = add_comment(
        the_post, a_member, "We met at Lincoln High.", submit_date=timezone.now() - datetime.timedelta(minutes=1)
    )
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, live_server, a_member)
    page.goto(live_server.url + the_post.url)
    page.locator(f"#c{comment.pk} a.comment__edit").click()
    expect(page.locator("h1")).to_be_visible()
    page.locator("textarea[name=comment]").fill("We met at school.")
    page.get_by_role("button", name=words["save"]).click()
    expect(page).to_have_url(re.compile(rf"#c{comment.pk}$"))
    shown = page.locator(f"#c{comment.pk}")
    expect(shown.locator(".comment__text")).to_have_text("We met at school.")
    expect(shown.locator(".comment__edited")).to_have_text(words["edited"])

    log_in(page, live_server, another_member)
    page.goto(live_server.url + the_post.url)
    page.locator(f"#c{comment.pk} a.comment__report").click()
    page.get_by_label(words["reason"]).check()
    page.get_by_role("button", name=words["send"]).click()
    assert CommentReport.objects.get().reason == "identifying"
    page.get_by_role("button", name=words["undo"]).click()
    expect(page.locator(".messages")).to_contain_text(words["taken_back"])
    assert not CommentFlag.objects.filter(flag=CommentFlag.SUGGEST_REMOVAL).exists()
    assert XtdComment.objects.get(pk=comment.pk).is_public
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
