"""Who may post, what a post may point at, and what a refused post leaves behind: nothing."""

import pytest
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from tests.comments.factories import add_comment, form_data

pytestmark = pytest.mark.django_db

POST_URL = reverse("comments:post")


def test_a_member_posts_a_comment_that_appears_with_their_display_name(client, a_post, a_member):
    client.force_login(a_member)
    response = client.post(POST_URL, form_data(a_post, "Thank you, this helped me tonight."))
    comment = XtdComment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#c{comment.pk}")
    assert comment.is_public and comment.user == a_member
    assert comment.user_email == ""
    page = client.get(a_post.url).content.decode()
    assert "Thank you, this helped me tonight." in page
    assert "Rosa M" in page
    assert "rosa@example.org" not in page


def test_an_anonymous_visitor_cannot_post(client, a_post):
    response = client.post(POST_URL, form_data(a_post, "Hello"))
    assert response.status_code == 403
    assert not XtdComment.objects.exists()


def test_an_unverified_account_cannot_post(client, a_post, an_unverified_account):
    client.force_login(an_unverified_account)
    response = client.post(POST_URL, form_data(a_post, "Hello"))
    assert response.status_code == 403
    assert "confirm your email" in response.content.decode()
    assert not XtdComment.objects.exists()


def test_a_suspended_member_cannot_post(client, a_post, a_suspended_member):
    client.force_login(a_suspended_member)
    client.post(POST_URL, form_data(a_post, "Hello"))
    assert not XtdComment.objects.exists()


def test_anonymous_visitors_read_comments_and_are_invited_to_log_in(client, a_post, a_member):
    add_comment(a_post, a_member, "You are not alone in this.")
    page = client.get(a_post.url).content.decode()
    assert "You are not alone in this." in page
    assert "Log in to comment" in page
    assert 'name="comment"' not in page


def test_a_post_for_a_draft_page_is_refused(client, a_post, a_member):
    a_post.unpublish()
    client.force_login(a_member)
    assert client.post(POST_URL, form_data(a_post, "Hello")).status_code == 404
    assert not XtdComment.objects.exists()


def test_a_post_for_another_model_is_refused(client, a_post, a_member, a_blog):
    client.force_login(a_member)
    data = form_data(a_post, "Hello")
    data.update(content_type="auth.user", object_pk=str(a_member.pk))
    assert client.post(POST_URL, data).status_code == 404
    data = form_data(a_blog, "Hello")
    assert client.post(POST_URL, data).status_code == 404
    assert not XtdComment.objects.exists()


def test_a_reply_to_a_comment_of_another_page_is_refused(client, a_post, a_blog, a_member):
    from tests.blog.factories import make_post

    other = make_post(a_blog, 2)
    elsewhere = add_comment(other, a_member, "On the other post")
    client.force_login(a_member)
    response = client.post(POST_URL, form_data(a_post, "My reply", reply_to=elsewhere.pk))
    assert response.status_code == 400
    assert "no longer available" in response.content.decode()
    assert "My reply" in response.content.decode()
    assert XtdComment.objects.count() == 1


def test_comments_closed_on_the_page_or_site_wide_refuse_posts(client, a_post, a_member, comment_settings):
    client.force_login(a_member)
    a_post.allow_comments = False
    a_post.save_revision().publish()
    assert client.post(POST_URL, form_data(a_post, "Hello")).status_code == 403
    a_post.allow_comments = True
    a_post.save_revision().publish()
    comment_settings.comments_open = False
    comment_settings.save()
    response = client.post(POST_URL, form_data(a_post, "Hello"))
    assert response.status_code == 403
    assert "closed" in response.content.decode()
    assert not XtdComment.objects.exists()


def test_replies_nest_and_stop_at_the_deepest_level(client, a_post, a_member, settings):
    client.force_login(a_member)
    parent = add_comment(a_post, a_member, "level 0")
    for level in range(1, 5):
        parent = add_comment(a_post, a_member, f"level {level}", parent=parent)
    assert parent.level == 4
    client.post(POST_URL, form_data(a_post, "one deeper", reply_to=parent.pk))
    reply = XtdComment.objects.get(comment="one deeper")
    assert reply.level == 4
    assert reply.parent_id == parent.parent_id


def test_the_form_is_protected_by_csrf(a_post, a_member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(a_member)
    assert client.post(POST_URL, form_data(a_post, "Hello")).status_code == 403
    assert not XtdComment.objects.exists()


def test_a_new_display_name_reaches_the_members_old_comments(client, a_post, a_member, a_moderator):
    from members.services import profile_for

    old = add_comment(a_post, a_member, "Posted under my first name.", user_name="Rosa M")
    reply = add_comment(a_post, a_member, "And a reply.", parent=old, user_name="Rosa M")
    profile = profile_for(a_member)
    profile.display_name = "Quiet Harbor"
    profile.save()

    page = client.get(a_post.url).content.decode()
    assert page.count("<bdi>Quiet Harbor</bdi>") == 2
    assert "Rosa M" not in page and ">rosa<" not in page, "neither the old name nor the username"

    client.force_login(a_member)
    reply_form = client.get(f"{a_post.url}?reply_to={reply.pk}").content.decode()
    assert "Reply to <bdi>Quiet Harbor</bdi>" in reply_form

    XtdComment.norel_objects.update(is_public=False)
    client.force_login(a_moderator)
    queue = client.get(reverse("comments_moderation:queue")).content.decode()
    assert "Quiet Harbor" in queue and "Rosa M" not in queue
