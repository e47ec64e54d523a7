"""The moderation queue on Wagtail's listing framework: filters, row and bulk actions, removal told to
the member in their language, and a private word to a member after a safety hold."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from comments import services
from comments.models import CommentReview, HoldReason, LanguageSuggestion
from members.services import profile_for
from tests.comments.factories import add_comment

# These tests read what the emails say: discreet mode (its own test) is off here.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("descriptive_emails")]

QUEUE_URL = reverse("comments_moderation:queue")


def bulk_url(action, *comments, next_url=QUEUE_URL):
    url = reverse("wagtail_bulk_action", args=["django_comments_xtd", "xtdcomment", action])
    return url + "?" + urlencode([("id", comment.pk) for comment in comments] + [("next", next_url)])


def held(page, user, text, reason=HoldReason.NEW_MEMBER, **fields):
    comment = add_comment(page, user, text, is_public=False, **fields)
    CommentReview.objects.create(comment=comment, hold_reason=reason)
    return comment


def listed(client, **params):
    soup = BeautifulSoup(client.get(QUEUE_URL, params).content, "html.parser")
    return [cell.get_text(" ", strip=True) for cell in soup.select("td.comment-queue__comment")]


def spanish_speaking(member):
    profile = profile_for(member)
    profile.preferred_language = "es"
    profile.save()
    return member


def test_the_queue_is_a_wagtail_listing_with_filters_checkboxes_and_row_actions(client, a_post, a_member, a_moderator):
    comment = held(a_post, a_member, "Waiting")
    client.force_login(a_moderator)
    response = client.get(QUEUE_URL)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("table.listing")
    assert soup.select_one(f'input[data-bulk-action-checkbox][data-object-id="{comment.pk}"]')
    assert soup.select_one("[data-bulk-action-footer]")
    assert {"page_title", "member", "reason", "language", "submit_date_from"} <= {
        field.get("name") for field in soup.select("#filters-drilldown input, #filters-drilldown select")
    }
    approve = soup.select_one("td.comment-queue__actions form")
    assert approve["action"].startswith(
        reverse("wagtail_bulk_action", args=["django_comments_xtd", "xtdcomment", "approve"])
    )
    assert f"id={comment.pk}" in approve["action"]
    assert approve.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    # The AJAX refresh of the filters answers with the same rows.
    results = client.get(reverse("comments_moderation:queue_results"), {"status": "pending"}).content.decode()
    assert "Waiting" in results


def test_the_queue_filters_by_reason(client, a_post, a_member, another_member, a_moderator, word_lists):
    held(a_post, a_member, "First comment of a new member")
    held(a_post, another_member, "I cannot go on", reason=HoldReason.SAFETY)
    held(a_post, a_member, "Hidden after reports", reason=HoldReason.REPORTS)
    held(a_post, another_member, "My son is an addict")
    reported_live = add_comment(a_post, a_member, "Reported but still live")
    CommentFlag.objects.create(comment=reported_live, user=another_member, flag=CommentFlag.SUGGEST_REMOVAL)
    client.force_login(a_moderator)

    assert LanguageSuggestion.objects.filter(term__iexact="addict").exists()
    assert listed(client, reason="safety") == ["I cannot go on"]
    assert listed(client, reason="new_member") == ["First comment of a new member", "My son is an addict"]
    assert listed(client, reason="reported") == ["Hidden after reports"]
    assert listed(client, status="flagged", reason="reported") == ["Reported but still live"]
    assert listed(client, reason="coach") == ["My son is an addict"]


def test_the_queue_filters_by_language_and_date(client, a_post, a_spanish_post, a_member, a_moderator):
    now = timezone.now()
    held(a_post, a_member, "Old English comment", submit_date=now - datetime.timedelta(days=10))
    held(a_spanish_post, a_member, "Comentario en español", submit_date=now - datetime.timedelta(days=1))
    client.force_login(a_moderator)

    assert listed(client, language="es") == ["Comentario en español"]
    assert listed(client, language="en") == ["Old English comment"]
    since = (now - datetime.timedelta(days=3)).date().isoformat()
    assert listed(client, submit_date_from=since) == ["Comentario en español"]
    until = (now - datetime.timedelta(days=5)).date().isoformat()
    assert listed(client, submit_date_to=until) == ["Old English comment"]


def test_messages_count_comments_in_the_singular_and_the_plural(client, a_post, a_member, a_moderator):
    comments = [held(a_post, a_member, f"Held {number}") for number in range(4)]
    client.force_login(a_moderator)
    one = client.post(bulk_url("approve", comments[0]), follow=True).content.decode()
    assert "1 comment approved." in one
    three = client.post(bulk_url("approve", *comments[1:]), follow=True).content.decode()
    assert "3 comments approved." in three
    removed = client.post(bulk_url("remove", *comments[:2]), {"reason": "Off topic"}, follow=True).content.decode()
    assert "2 comments removed. Their authors are told why." in removed


def test_spanish_admin_messages_are_in_spanish(client, a_post, a_member, a_moderator):
    profile = profile_for(a_moderator)
    profile.preferred_language = "es"
    profile.save()
    admin_profile = UserProfile.get_for_user(a_moderator)
    admin_profile.preferred_language = "es"
    admin_profile.save()
    comments = [held(a_post, a_member, f"Held {number}") for number in range(2)]
    client.force_login(a_moderator)
    html = client.post(bulk_url("approve", *comments), follow=True).content.decode()
    assert "2 comentarios aprobados." in html
    assert "Moderación de comentarios" in html


def test_a_published_comment_nobody_reported_is_removed_from_its_row_and_the_member_told_in_spanish(
    client, a_post, a_member, a_moderator, mailoutbox, django_capture_on_commit_callbacks
):
    spanish_speaking(a_member)
    comment = add_comment(a_post, a_member, "Call me at my shop on Main Street")
    client.force_login(a_moderator)
    row = BeautifulSoup(client.get(QUEUE_URL, {"status": "published"}).content, "html.parser")
    remove_link = row.select_one("td.comment-queue__actions a.no")["href"]
    form_page = client.get(remove_link).content.decode()
    assert "Call me at my shop" in form_page and "rosa@example.org" not in form_page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remove_link, {"reason": "Personal details could identify you"})
    assert response.status_code == 302 and response["Location"].startswith(QUEUE_URL)
    comment.refresh_from_db()
    assert comment.is_removed
    assert comment.review.removal_reason == "Personal details could identify you"
    assert CommentFlag.objects.filter(comment=comment, user=a_moderator, flag=CommentFlag.MODERATOR_DELETION).exists()
    (email,) = mailoutbox
    assert email.to == ["rosa@example.org"]
    assert email.subject == "El equipo de moderación retiró uno de sus comentarios"
    assert "Personal details could identify you" in email.body
    assert "Call me at my shop on Main Street" in email.body
    assert email.body.startswith("Hola, Rosa M")


def test_removing_an_already_removed_comment_does_not_email_again(
    a_post, a_member, a_moderator, mailoutbox, django_capture_on_commit_callbacks
):
    comment = add_comment(a_post, a_member, "Gone")
    with django_capture_on_commit_callbacks(execute=True):
        services.remove([comment], a_moderator, "Off topic")
    comment.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.remove([comment], a_moderator, "Off topic")
    assert len(mailoutbox) == 1


def test_only_moderators_use_the_bulk_actions(client, a_post, a_member, make_user):
    from django.contrib.auth.models import Permission

    comment = held(a_post, a_member, "Held")
    translator = make_user("translator-x")
    translator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(translator)
    # Wagtail answers a refused admin request with a redirect to the dashboard and a message.
    assert client.post(bulk_url("approve", comment)).status_code in {302, 403}
    assert client.post(bulk_url("remove", comment), {"reason": "x"}).status_code in {302, 403}
    assert client.get(bulk_url("remove", comment)).status_code in {302, 403}
    assert not XtdComment.objects.get(pk=comment.pk).is_public


def test_a_moderator_writes_privately_to_a_member_after_a_safety_hold(
    client, a_post, a_member, a_moderator, mailoutbox
):
    spanish_speaking(a_member)
    comment = held(a_post, a_member, "I do not want to be here any more", reason=HoldReason.SAFETY)
    client.force_login(a_moderator)
    row = BeautifulSoup(client.get(QUEUE_URL, {"reason": "safety"}).content, "html.parser")
    write_link = row.find("a", string="Write to the member")["href"]

    form_page = client.get(write_link).content.decode()
    assert "rosa@example.org" not in form_page
    assert "Spanish" in form_page

    response = client.post(write_link, {"message": "Estamos aquí. ¿Podemos llamarle?"})
    assert response.status_code == 302
    (email,) = mailoutbox
    assert email.to == ["rosa@example.org"]
    assert email.subject == "Un mensaje del equipo de moderación"
    assert "Estamos aquí. ¿Podemos llamarle?" in email.body and "988" in email.body
    entry = ModelLogEntry.objects.get(action=services.WROTE_TO_MEMBER)
    assert entry.user == a_moderator and entry.object_id == str(comment.pk)
    assert entry.data["message"] == "Estamos aquí. ¿Podemos llamarle?"
    again = client.get(write_link).content.decode()
    assert "Estamos aquí" in again and "rosa@example.org" not in again


def test_writing_to_a_member_is_only_for_safety_holds_and_moderators(client, a_post, a_member, an_editor, make_user):
    ordinary = held(a_post, a_member, "My first comment")
    client.force_login(an_editor)
    assert client.get(reverse("comments_moderation:write_to_member", args=[ordinary.pk])).status_code == 404
    safety = held(a_post, a_member, "I cannot go on", reason=HoldReason.SAFETY)
    client.force_login(a_member)
    response = client.post(reverse("comments_moderation:write_to_member", args=[safety.pk]), {"message": "Hi"})
    assert response.status_code in {302, 403}
    assert not ModelLogEntry.objects.filter(action=services.WROTE_TO_MEMBER).exists()
