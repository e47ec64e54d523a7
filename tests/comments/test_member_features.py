"""What members expect of a conversation: edit their words for 15 minutes, report with a reason and
take it back within a minute, and a reply link that asks a visitor to log in rather than failing."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from comments.models import CommentReport, HoldReason
from tests.comments.factories import add_comment

# With the shared cache: what each reader sees of their own must never reach another (cms.shared_pieces).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("a_shared_cache")]


def edit_url(comment, language="en"):
    with translation.override(language):
        return reverse("comments:edit", args=[comment.pk])


def just_now(page, user, text="A kind word."):
    return add_comment(page, user, text, submit_date=timezone.now() - datetime.timedelta(minutes=2))


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


# --- Editing ---------------------------------------------------------------------------------------


def test_an_author_edits_their_comment_within_15_minutes_and_everyone_sees_an_edited_mark(
    client, a_post, a_member, another_member
):
    comment = just_now(a_post, a_member, "My sun is doing better.")
    client.force_login(a_member)
    page = soup(client.get(a_post.url))
    assert page.select_one(f"#c{comment.pk} a.comment__edit")["href"] == edit_url(comment)
    response = client.post(edit_url(comment), {"comment": "My son is doing better."})
    assert response.status_code == 302
    assert XtdComment.objects.get(pk=comment.pk).comment == "My son is doing better."
    client.force_login(another_member)
    shown = soup(client.get(a_post.url)).select_one(f"#c{comment.pk}")
    assert "My son is doing better." in shown.get_text()
    assert shown.select_one(".comment__edited").get_text() == "(edited)"
    assert shown.select_one("a.comment__edit") is None


def test_after_15_minutes_the_edit_is_refused_with_a_clear_message_in_spanish_too(client, a_post, a_member):
    comment = add_comment(
        a_post, a_member, "Posted a while ago", submit_date=timezone.now() - datetime.timedelta(minutes=16)
    )
    client.force_login(a_member)
    assert soup(client.get(a_post.url)).select_one(f"#c{comment.pk} a.comment__edit") is None
    response = client.post(edit_url(comment), {"comment": "Changed"})
    assert response.status_code == 403
    assert "Comments can be edited for 15 minutes after posting." in response.content.decode()
    spanish = client.get(edit_url(comment, "es"))
    assert edit_url(comment, "es").startswith("/es/comentarios/")
    assert "Los comentarios se pueden editar durante 15 minutos" in spanish.content.decode()
    assert XtdComment.objects.get(pk=comment.pk).comment == "Posted a while ago"


def test_nobody_else_can_edit_a_comment(client, a_post, a_member, another_member):
    comment = just_now(a_post, a_member, "Mine")
    client.force_login(another_member)
    assert client.post(edit_url(comment), {"comment": "Not yours"}).status_code == 404
    client.logout()
    assert "/accounts/login/" in client.post(edit_url(comment), {"comment": "Not yours"})["Location"]
    assert XtdComment.objects.get(pk=comment.pk).comment == "Mine"


def test_an_edit_runs_the_language_coach_before_saving(client, a_post, a_member, word_lists):
    comment = just_now(a_post, a_member, "He is trying.")
    client.force_login(a_member)
    response = client.post(edit_url(comment), {"comment": "He is an addict."})
    assert response.status_code == 200
    assert "person with a substance use disorder" in response.content.decode()
    assert XtdComment.objects.get(pk=comment.pk).comment == "He is trying."
    assert client.post(edit_url(comment), {"comment": "He is an addict.", "coached": "on"}).status_code == 302
    assert XtdComment.objects.get(pk=comment.pk).comment == "He is an addict."


def test_an_edit_that_mentions_self_harm_is_held_and_the_moderators_are_told(
    client, a_post, a_member, a_moderator, word_lists, mailoutbox, django_capture_on_commit_callbacks
):
    comment = just_now(a_post, a_member, "A hard week.")
    client.force_login(a_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(comment), {"comment": "Some nights I want to kill myself."})
    assert response.status_code == 200
    assert "You do not have to carry this alone." in response.content.decode()
    comment.refresh_from_db()
    assert not comment.is_public
    assert comment.review.hold_reason == HoldReason.SAFETY
    assert [message.kind for message in mailoutbox] == ["comments.safety_hold"]
    assert a_moderator.email in mailoutbox[0].to


# --- Reporting ------------------------------------------------------------------------------------


def report_url(comment, language="en"):
    with translation.override(language):
        return reverse("comments:report", args=[comment.pk])


def test_a_report_asks_why_then_confirms_and_can_be_undone_within_a_minute(
    client, a_post, a_member, another_member, comment_settings
):
    comment_settings.flags_to_hide = 1
    comment_settings.save()
    comment = add_comment(a_post, another_member, "Something hurtful")
    client.force_login(a_member)
    link = soup(client.get(a_post.url)).select_one(f"#c{comment.pk} a.comment__report")
    form = soup(client.get(link["href"]))
    assert form.title.string.startswith("Report a comment · ")
    assert [heading.text for heading in form.select("h1")] == ["Report this comment?"]
    assert form.select_one(".comment-preview").text.strip() == "Something hurtful"
    assert [radio["value"] for radio in form.select("input[name=reason]")] == [
        "unkind",
        "identifying",
        "unsafe",
        "danger",
        "spam",
        "other",
    ]
    missing = client.post(report_url(comment), {"details": "no reason"})
    assert missing.status_code == 400
    assert "Please choose a reason." in missing.content.decode()
    assert not CommentFlag.objects.filter(flag=CommentFlag.SUGGEST_REMOVAL).exists()

    sent = client.post(report_url(comment), {"reason": "identifying", "details": "It names her school."})
    assert sent["Location"] == reverse("comments:reported", args=[comment.pk])
    report = CommentReport.objects.get()
    assert (report.reason, report.details, report.flag.user) == ("identifying", "It names her school.", a_member)
    assert not XtdComment.objects.get(pk=comment.pk).is_public
    confirmation = client.get(sent["Location"]).content.decode()
    assert "Your report was sent." in confirmation and "Undo my report" in confirmation

    undone = client.post(sent["Location"])
    assert undone.status_code == 302
    assert not CommentFlag.objects.filter(flag=CommentFlag.SUGGEST_REMOVAL).exists()
    assert not CommentReport.objects.exists()
    # The comment the report had hidden shows again.
    assert XtdComment.objects.get(pk=comment.pk).is_public
    assert "Your report was taken back." in client.get(undone["Location"]).content.decode()


def test_a_report_cannot_be_undone_after_a_minute(client, a_post, a_member, another_member):
    comment = add_comment(a_post, another_member, "Reported")
    client.force_login(a_member)
    client.post(report_url(comment), {"reason": "spam"})
    CommentFlag.objects.update(flag_date=timezone.now() - datetime.timedelta(seconds=61))
    confirmation = client.get(reverse("comments:reported", args=[comment.pk])).content.decode()
    assert "Undo my report" not in confirmation
    client.post(reverse("comments:reported", args=[comment.pk]))
    assert CommentFlag.objects.filter(flag=CommentFlag.SUGGEST_REMOVAL).count() == 1


def test_the_report_page_is_in_spanish_under_its_spanish_address(client, a_spanish_post, a_member, make_user):
    comment = add_comment(a_spanish_post, make_user("escritora", "Members"), "Algo hiriente")
    client.force_login(a_member)
    url = report_url(comment, "es")
    assert url.startswith("/es/comentarios/")
    page = client.get(url).content.decode()
    assert "¿Qué problema tiene este comentario?" in page
    assert "Alguien podría estar en peligro" in page


# --- A reply link opened by a visitor -------------------------------------------------------------


def test_a_visitor_with_a_reply_link_is_asked_to_log_in_and_comes_back_to_the_reply(client, a_post, a_member):
    comment = add_comment(a_post, a_member, "Has anyone tried this?")
    response = client.get(f"{a_post.url}?reply_to={comment.pk}")
    page = soup(response)
    assert page.select("form.comment-form") == []
    prompt = page.select_one(f"#c{comment.pk} .comment__login-to-reply")
    assert "Members can reply to this comment." in prompt.get_text()
    login = prompt.select_one("a")["href"]
    assert login.startswith("/accounts/login/?next=")
    assert f"reply_to%3D{comment.pk}" in login


def test_a_spanish_visitor_with_a_reply_link_is_asked_in_spanish(client, a_spanish_post, a_member):
    comment = add_comment(a_spanish_post, a_member, "¿Alguien lo probó?")
    page = soup(client.get(f"{a_spanish_post.url}?reply_to={comment.pk}"))
    prompt = page.select_one(f"#c{comment.pk} .comment__login-to-reply")
    assert "Inicie sesión para responder" in prompt.get_text()
    assert prompt.select_one("a")["href"].startswith("/es/cuentas/login/?next=")
