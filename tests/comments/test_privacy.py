"""Privacy of the engine's defaults: members-only threads stay members-only by every route, nothing personal leaks."""

import hashlib

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from comments.models import RemovalKind
from comments.signals import recent_comments
from learning.models import SegmentPage
from members.privacy import delete_member_account
from members.services import profile_for, set_suspended
from tests.comments.factories import add_comment, form_data
from tests.learning.factories import build_course

# Privacy is checked with nothing kept and with the shared cache (tests/conftest.py each_cache).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache")]

SECRET = "Only members should read this about my family."


@pytest.fixture
def a_members_only_segment(a_home_page, comment_settings):
    build_course(a_home_page, modules=1, segments=1)
    segment = SegmentPage.objects.get()
    segment.allow_comments = True
    segment.save_revision().publish()
    return SegmentPage.objects.get(pk=segment.pk)


@pytest.fixture
def a_secret_comment(a_members_only_segment, a_member):
    return add_comment(a_members_only_segment, a_member, SECRET)


def engine_paths(comment, page):
    content_type = ContentType.objects.get_for_model(page)
    key = f"{content_type.app_label}-{content_type.model}"
    return [
        f"/comments/api/{key}/{page.pk}/",
        f"/comments/api/{key}/{page.pk}/count/",
        "/comments/api/comment/",
        "/comments/api/feedback/",
        "/comments/api/flag/",
        "/comments/api/preview/",
        f"/comments/reply/{comment.pk}/",
        "/comments/sent/",
        f"/comments/flag/{comment.pk}/",
        f"/comments/like/{comment.pk}/",
        f"/comments/dislike/{comment.pk}/",
        "/comments/confirm/some-key/",
        "/comments/mute/some-key/",
        f"/comments/cr/{content_type.pk}/{page.pk}/",
        f"/comments/approve/{comment.pk}/",
        f"/comments/delete/{comment.pk}/",
        "/comments/posted/",
        "/comments/flagged/",
    ]


def test_anonymous_visitors_and_non_members_never_see_a_members_only_thread(
    client, a_secret_comment, a_members_only_segment, an_unverified_account, a_member
):
    url = a_members_only_segment.url
    assert SECRET not in client.get(url, follow=True).content.decode()
    client.force_login(an_unverified_account)
    assert SECRET not in client.get(url, follow=True).content.decode()
    client.force_login(a_member)
    assert SECRET in client.get(url).content.decode(), "members do see it"


def test_our_comment_routes_answer_404_for_a_members_only_comment(
    client, a_secret_comment, a_members_only_segment, an_unverified_account
):
    report = reverse("comments:report", args=[a_secret_comment.pk])
    delete = reverse("comments:delete", args=[a_secret_comment.pk])
    assert client.post(report).status_code == 302  # to the login page, telling nothing
    assert client.post(reverse("comments:post"), form_data(a_members_only_segment, "Hi")).status_code == 404
    client.force_login(an_unverified_account)
    assert client.post(report).status_code == 404
    assert client.get(delete).status_code == 404
    assert client.post(reverse("comments:post"), form_data(a_members_only_segment, "Hi")).status_code == 404
    assert not CommentFlag.objects.exists()
    assert XtdComment.objects.count() == 1


def test_a_member_cannot_reply_to_a_members_only_comment_from_a_public_page(client, a_post, a_secret_comment, a_member):
    client.force_login(a_member)
    response = client.post(reverse("comments:post"), form_data(a_post, "Sneaky", reply_to=a_secret_comment.pk))
    assert response.status_code == 400
    assert SECRET not in response.content.decode()
    assert XtdComment.objects.count() == 1


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_none_of_the_engines_views_or_api_is_mounted(
    client, a_secret_comment, a_members_only_segment, a_member, prefix
):
    for viewer in (None, a_member):
        if viewer:
            client.force_login(viewer)
        for path in engine_paths(a_secret_comment, a_members_only_segment):
            for method in (client.get, client.post):
                response = method(prefix + path)
                assert response.status_code in {404, 405}, (method, prefix + path, response.status_code)
                assert SECRET not in response.content.decode()


def test_the_engines_url_names_do_not_resolve():
    for name, args in [
        ("comments-xtd-api-list", ["blog-qapostpage", 1]),
        ("comments-xtd-api-create", []),
        ("comments-xtd-reply", [1]),
        ("comments-flag", [1]),
        ("comments-xtd-like", [1]),
        ("comments-post-comment", []),
        ("comments-url-redirect", [1, 1]),
    ]:
        with pytest.raises(NoReverseMatch):
            reverse(name, args=args)


def test_no_email_address_email_hash_or_gravatar_appears_in_any_comment_html(
    client, a_post, a_member, another_member, a_moderator
):
    root = add_comment(a_post, a_member, "Root", user_email="rosa@example.org")
    add_comment(a_post, another_member, "Reply", parent=root, user_email="luis@example.org")
    add_comment(a_post, a_moderator, "Staff reply", parent=root)
    addresses = ["rosa@example.org", "luis@example.org", "moderator@example.org"]
    hashes = [hashlib.md5(address.encode()).hexdigest() for address in addresses]  # noqa: S324 (Gravatar's hash)
    hashes += [hashlib.sha256(address.encode()).hexdigest() for address in addresses]
    for viewer in (None, a_member, a_moderator):
        if viewer:
            client.force_login(viewer)
        for url in (a_post.url, reverse("comments:delete", args=[root.pk])):
            html = client.get(url).content.decode().lower()
            for secret in [*addresses, *hashes, "gravatar"]:
                assert secret not in html, (viewer, url, secret)
    # The admin's own chrome shows the logged-in moderator's avatar; the queue itself shows no commenter's.
    XtdComment.norel_objects.update(is_public=False)
    queue = client.get(reverse("comments_moderation:queue")).content.decode()
    assert "Staff reply" in queue
    for secret in [*addresses[:2], *hashes[:2], *hashes[3:5]]:
        assert secret not in queue


def test_staff_replies_carry_a_staff_badge_and_member_comments_do_not(client, a_post, a_member, a_moderator):
    add_comment(a_post, a_member, "Member words")
    staff = add_comment(a_post, a_moderator, "Staff words")
    soup = BeautifulSoup(client.get(a_post.url).content, "html.parser")
    badges = soup.select(".comment__badge")
    assert [badge.find_parent("li")["id"] for badge in badges] == [f"c{staff.pk}"]


def test_people_who_reported_a_comment_are_never_listed(client, a_post, a_member, make_user):
    comment = add_comment(a_post, a_member, "Reported")
    flagger = make_user("quiet-reporter", "Members")
    profile = profile_for(flagger)
    profile.display_name = "Quiet Reporter"
    profile.save()
    CommentFlag.objects.create(comment=comment, user=flagger, flag=CommentFlag.SUGGEST_REMOVAL)
    for viewer in (None, a_member):
        if viewer:
            client.force_login(viewer)
        html = client.get(a_post.url).content.decode()
        assert "quiet-reporter" not in html and "Quiet Reporter" not in html
        assert "1 report" not in html


def test_deleting_a_page_deletes_its_comments_and_those_of_pages_below_it(a_blog, a_post, a_member):
    add_comment(a_post, a_member, "On the post")
    add_comment(a_blog, a_member, "Somehow on the blog index")
    a_post.delete()
    assert XtdComment.objects.filter(comment="On the post").count() == 0
    from tests.blog.factories import make_post

    add_comment(make_post(a_blog, 2), a_member, "On a second post")
    a_blog.delete()
    assert not XtdComment.objects.exists()


def test_deleting_an_account_that_keeps_its_comments_scrubs_name_email_and_ip(client, a_post, a_member, another_member):
    comment = add_comment(a_post, a_member, "My words stay", user_email="rosa@example.org", ip_address="203.0.113.9")
    add_comment(a_post, another_member, "A reply", parent=comment)
    delete_member_account(a_member, keep_comments=True)
    comment.refresh_from_db()
    assert (comment.user_id, comment.user_name, comment.user_email, comment.ip_address) == (None, "", "", None)
    assert comment.comment == "My words stay" and not comment.is_removed
    soup = BeautifulSoup(client.get(a_post.url).content, "html.parser")
    entry = soup.select_one(f"#c{comment.pk}").get_text()
    assert "My words stay" in entry and "Former member" in entry
    assert "Rosa" not in entry and "rosa" not in entry


def test_deleting_an_account_with_its_comments_reads_deleted_by_its_author(client, a_post, a_member, another_member):
    comment = add_comment(a_post, a_member, "Take my words away", ip_address="203.0.113.9")
    add_comment(a_post, another_member, "A reply that stays", parent=comment)
    delete_member_account(a_member, keep_comments=False)
    comment.refresh_from_db()
    assert comment.is_removed and comment.comment == "" and comment.ip_address is None
    assert comment.review.removal_kind == RemovalKind.AUTHOR
    html = client.get(a_post.url).content.decode()
    assert "Comment deleted by its author." in html
    assert "Comment removed by a moderator." not in html
    assert "A reply that stays" in html


def test_a_suspended_members_comments_are_hidden_and_replies_to_them_stay(client, a_post, a_member, another_member):
    comment = add_comment(a_post, a_member, "Words of a member later suspended")
    add_comment(a_post, another_member, "A reply to them", parent=comment)
    add_comment(a_post, a_member, "Another of theirs")
    set_suspended(profile_for(a_member), True)
    html = client.get(a_post.url).content.decode()
    assert "Words of a member later suspended" not in html and "Another of theirs" not in html
    assert "A reply to them" in html
    assert "1 comment" in html


def test_recent_comments_appear_on_the_members_profile(client, a_post, a_member, another_member, a_secret_comment):
    profile = profile_for(a_member)
    profile.show_in_directory = True
    profile.save()
    add_comment(a_post, a_member, "A public thought")
    add_comment(a_post, a_member, "Held thought", is_public=False)
    client.force_login(another_member)
    html = client.get(reverse("members:profile", args=["rosa"])).content.decode()
    assert "Recent comments" in html
    assert "A public thought" in html and f"{a_post.url}#c" in html
    assert "Held thought" not in html
    assert SECRET in html, "the viewer is a member and may read the segment"


def test_recent_comments_leave_out_pages_the_viewer_cannot_read(a_post, a_member, a_secret_comment):
    add_comment(a_post, a_member, "A public thought")
    section = recent_comments(a_member, AnonymousUser())
    assert [item["comment"].comment for item in section["items"]] == ["A public thought"]
    assert {item["comment"].comment for item in recent_comments(a_member, a_member)["items"]} == {
        "A public thought",
        SECRET,
    }
