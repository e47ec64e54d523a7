"""The moderation queue in the Wagtail admin, the placeholders it leaves, and new members' held comments."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils.http import urlencode
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from comments import services
from comments.models import CommentReview, HoldReason, RemovalKind
from tests.blog.factories import make_post
from tests.comments.factories import add_comment, form_data

pytestmark = pytest.mark.django_db

QUEUE_URL = reverse("comments_moderation:queue")
POST_URL = reverse("comments:post")


def bulk_url(action, *comments, next_url=QUEUE_URL):
    url = reverse("wagtail_bulk_action", args=["django_comments_xtd", "xtdcomment", action])
    return url + "?" + urlencode([("id", comment.pk) for comment in comments] + [("next", next_url)])


def queue(client, **params):
    return client.get(QUEUE_URL, params).content.decode()


def held(page, user, text, reason=HoldReason.NEW_MEMBER):
    comment = add_comment(page, user, text, is_public=False)
    CommentReview.objects.create(comment=comment, hold_reason=reason)
    return comment


def reported(comment, *members):
    for member in members:
        CommentFlag.objects.create(comment=comment, user=member, flag=CommentFlag.SUGGEST_REMOVAL)


def test_only_moderators_open_the_queue(client, a_member, an_editor, a_moderator):
    client.force_login(a_member)
    assert client.get(QUEUE_URL).status_code in {302, 403}
    for staff in (an_editor, a_moderator):
        client.force_login(staff)
        assert client.get(QUEUE_URL).status_code == 200


def test_the_queue_has_pending_reported_and_removed_tabs(client, a_post, a_member, another_member, a_moderator):
    held(a_post, a_member, "Waiting for a moderator")
    flagged = add_comment(a_post, a_member, "Reported once")
    reported(flagged, another_member)
    gone = add_comment(a_post, a_member, "Taken down")
    services.remove([gone], a_moderator, "Personal details of someone else")
    add_comment(a_post, a_member, "Just a kind word")
    client.force_login(a_moderator)

    pending = queue(client)
    assert "Waiting for a moderator" in pending and "first comments of a new member" in pending
    assert "Reported once" not in pending and "Just a kind word" not in pending
    assert "Waiting for review (1)" in pending and "Reported by members (1)" in pending and "Removed (1)" in pending

    flagged_tab = queue(client, status="flagged")
    assert "Reported once" in flagged_tab and "1 report" in flagged_tab
    assert "Waiting for a moderator" not in flagged_tab

    removed_tab = queue(client, status="removed")
    assert "Taken down" in removed_tab
    assert "removed by a moderator: Personal details of someone else" in removed_tab


def test_the_queue_links_to_the_comment_on_its_page(client, a_post, a_member, a_moderator):
    comment = held(a_post, a_member, "Waiting")
    client.force_login(a_moderator)
    soup = BeautifulSoup(queue(client), "html.parser")
    assert soup.find("a", href=f"{a_post.url}#c{comment.pk}")


def test_the_queue_filters_by_page_title_and_by_member(client, a_blog, a_post, a_member, another_member, a_moderator):
    other_post = make_post(a_blog, 2)
    held(a_post, a_member, "Rosa on post one")
    held(other_post, a_member, "Rosa on post two")
    held(a_post, another_member, "Luis on post one")
    client.force_login(a_moderator)

    by_page = queue(client, page_title=other_post.title[3:].upper())
    assert "Rosa on post two" in by_page
    assert "Rosa on post one" not in by_page and "Luis on post one" not in by_page

    by_member = queue(client, member="luis")
    assert "Luis on post one" in by_member and "Rosa on post" not in by_member
    by_display_name = queue(client, member="rosa m")
    assert "Rosa on post one" in by_display_name and "Luis" not in by_display_name


def test_approving_publishes_held_comments_in_bulk(client, a_post, a_member, another_member, a_moderator):
    first = held(a_post, a_member, "First held comment")
    second = held(a_post, another_member, "Second held comment")
    client.force_login(a_moderator)
    response = client.post(bulk_url("approve", first, second), follow=True)
    assert "2 comments approved." in response.content.decode()
    assert XtdComment.objects.filter(pk__in=[first.pk, second.pk], is_public=True).count() == 2
    page = client.get(a_post.url).content.decode()
    assert "First held comment" in page and "Second held comment" in page
    assert "Waiting for review (0)" in queue(client)


def test_approving_a_reported_comment_clears_it_from_the_reported_tab(
    client, a_post, a_member, another_member, a_moderator
):
    comment = add_comment(a_post, a_member, "Reported but fine")
    reported(comment, another_member)
    client.force_login(a_moderator)
    response = client.post(bulk_url("approve", comment), follow=True)
    assert "1 comment approved." in response.content.decode()
    assert "Reported but fine" not in queue(client, status="flagged")
    assert XtdComment.objects.get(pk=comment.pk).is_public


def test_removing_needs_a_reason_and_keeps_it_with_the_comment(client, a_post, a_member, a_moderator):
    comment = add_comment(a_post, a_member, "Buy pills here")
    client.force_login(a_moderator)
    client.post(bulk_url("remove", comment), {"reason": " "})
    assert not XtdComment.objects.get(pk=comment.pk).is_removed

    client.post(bulk_url("remove", comment), {"reason": "Advertising"})
    comment.refresh_from_db()
    assert comment.is_removed
    assert comment.review.removal_kind == RemovalKind.MODERATOR
    assert comment.review.removal_reason == "Advertising"
    assert comment.review.decided_by == a_moderator


def test_a_removed_comment_leaves_a_placeholder_and_its_replies_stay_visible(
    client, a_post, a_member, another_member, a_moderator
):
    parent = add_comment(a_post, a_member, "Something unkind")
    reply = add_comment(a_post, another_member, "A calm reply", parent=parent)
    add_comment(a_post, a_member, "A reply to the reply", parent=reply)
    services.remove([parent], a_moderator, "Unkind")
    html = client.get(a_post.url).content.decode()
    assert "Something unkind" not in html
    assert "Comment removed by a moderator." in html
    assert "A calm reply" in html and "A reply to the reply" in html
    assert "Unkind" not in html, "the reason is for the team, not the public"
    assert XtdComment.objects.filter(is_public=True).count() == 3, "the engine's unpublish-replies rule did not run"


def test_a_removed_comment_without_replies_leaves_nothing(client, a_post, a_member, a_moderator):
    comment = add_comment(a_post, a_member, "Off topic")
    services.remove([comment], a_moderator, "Off topic")
    html = client.get(a_post.url).content.decode()
    assert "Off topic" not in html and "Comment removed" not in html


def test_a_member_deletes_their_own_comment_and_the_replies_stay(client, a_post, a_member, another_member):
    own = add_comment(a_post, a_member, "I said too much")
    add_comment(a_post, another_member, "Thank you for sharing", parent=own)
    client.force_login(a_member)
    delete_url = reverse("comments:delete", args=[own.pk])
    assert delete_url in client.get(a_post.url).content.decode()
    confirm = client.get(delete_url).content.decode()
    assert '<div class="comment__text" dir="auto"><p>I said too much</p></div>' in confirm
    assert "<title>Delete your comment · " in confirm and "<h1>Delete your comment?</h1>" in confirm
    response = client.post(delete_url)
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.is_removed and own.comment == ""
    assert own.review.removal_kind == RemovalKind.AUTHOR
    html = client.get(a_post.url).content.decode()
    assert "Comment deleted by its author." in html
    assert "Thank you for sharing" in html


def test_a_member_cannot_delete_someone_elses_comment(client, a_post, a_member, another_member):
    theirs = add_comment(a_post, another_member, "Not yours")
    client.force_login(a_member)
    assert client.post(reverse("comments:delete", args=[theirs.pk])).status_code == 404
    assert not XtdComment.objects.get(pk=theirs.pk).is_removed
    assert reverse("comments:delete", args=[theirs.pk]) not in client.get(a_post.url).content.decode()


@pytest.mark.parametrize("held_count", [1, 2])
def test_a_new_members_first_comments_are_held_as_configured(
    client, a_post, a_member, a_moderator, comment_settings, held_count
):
    comment_settings.hold_first_comments = held_count
    comment_settings.save()
    client.force_login(a_member)
    for number in range(held_count):
        response = client.post(POST_URL, form_data(a_post, f"Comment number {number}"))
        assert response.status_code == 200
        assert "We read new members' first comments" in response.content.decode().replace("&#x27;", "'")
        comment = XtdComment.objects.get(comment=f"Comment number {number}")
        assert not comment.is_public and comment.review.hold_reason == HoldReason.NEW_MEMBER
        services.approve([comment], a_moderator)
    response = client.post(POST_URL, form_data(a_post, "Now I am trusted"))
    assert response.status_code == 302
    assert XtdComment.objects.get(comment="Now I am trusted").is_public


def test_holding_no_first_comments_publishes_at_once(client, a_post, a_member, comment_settings):
    comment_settings.hold_first_comments = 0
    comment_settings.save()
    client.force_login(a_member)
    assert client.post(POST_URL, form_data(a_post, "Straight in")).status_code == 302


def test_the_dashboard_panel_counts_each_tab(client, a_post, a_member, another_member, a_moderator):
    held(a_post, a_member, "One")
    held(a_post, another_member, "Two")
    flagged = add_comment(a_post, a_member, "Three")
    reported(flagged, another_member)
    client.force_login(a_moderator)
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = soup.select_one(".comment-moderation-counts")
    assert panel is not None
    counts = [item.get_text(" ", strip=True) for item in panel.find_all("li")]
    assert counts == ["Waiting for review: 2", "Reported by members: 1", "Removed: 0"]
    assert panel.find("a", href=f"{QUEUE_URL}?status=flagged")


def test_the_dashboard_panel_is_not_shown_to_staff_who_cannot_moderate(client, make_user, a_post):
    from django.contrib.auth.models import Permission

    translator = make_user("translator-x")
    translator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(translator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "comment-moderation-counts" not in html
