"""What a member may send, what they may not, and how hostile text is shown: harmlessly, as plain text."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from comments.models import HoldReason
from tests.comments.factories import add_comment, form_data

pytestmark = pytest.mark.django_db

POST_URL = reverse("comments:post")


def textarea(response):
    return (
        BeautifulSoup(response.content, "html.parser")
        .find("textarea", attrs={"name": "comment"})
        .get_text()
        .removeprefix("\n")
    )


def published_html(client, page, text):
    """Post `text` as the logged-in member and return the page's comment body as HTML."""
    response = client.post(POST_URL, form_data(page, text))
    assert response.status_code == 302, response.content.decode()[:500]
    comment = XtdComment.objects.latest("pk")
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    return comment, soup.select_one(f"#c{comment.pk} .comment__text")


# --- Reports --------------------------------------------------------------------------------------


def report(client, comment):
    return client.post(reverse("comments:report", args=[comment.pk]), {"reason": "unkind"})


def test_three_reports_from_different_members_hide_a_comment_until_a_moderator_decides(
    client, a_post, a_member, another_member, a_third_member, make_user
):
    comment = add_comment(a_post, make_user("writer", "Members"), "Something hurtful")
    for member in (a_member, another_member):
        client.force_login(member)
        assert report(client, comment).status_code == 302
    assert XtdComment.objects.get(pk=comment.pk).is_public
    client.force_login(a_third_member)
    report(client, comment)
    comment.refresh_from_db()
    assert not comment.is_public
    assert comment.review.hold_reason == HoldReason.REPORTS
    client.logout()
    assert "Something hurtful" not in client.get(a_post.url).content.decode()


def test_a_member_reports_a_comment_only_once(client, a_post, a_member, another_member, comment_settings):
    comment_settings.flags_to_hide = 2
    comment_settings.save()
    comment = add_comment(a_post, another_member, "Reported")
    client.force_login(a_member)
    report(client, comment)
    report(client, comment)
    report(client, comment)
    assert CommentFlag.objects.filter(comment=comment, flag=CommentFlag.SUGGEST_REMOVAL).count() == 1
    assert XtdComment.objects.get(pk=comment.pk).is_public
    assert "You reported this comment" in client.get(a_post.url).content.decode()


def test_members_cannot_report_their_own_comment_and_visitors_must_log_in(client, a_post, a_member):
    comment = add_comment(a_post, a_member, "Mine")
    assert report(client, comment).status_code == 302
    assert "/accounts/login/" in report(client, comment)["Location"]
    client.force_login(a_member)
    assert report(client, comment).status_code == 404
    assert not CommentFlag.objects.exists()


def test_the_number_of_reports_that_hides_a_comment_is_configurable(
    client, a_post, a_member, another_member, comment_settings
):
    comment_settings.flags_to_hide = 1
    comment_settings.save()
    comment = add_comment(a_post, another_member, "Hidden after one report")
    client.force_login(a_member)
    report(client, comment)
    assert not XtdComment.objects.get(pk=comment.pk).is_public


# --- Rate limit, honeypot, CSRF ---------------------------------------------------------------


def test_a_member_posts_five_comments_a_minute_and_the_sixth_waits_with_the_text_kept(client, a_post, a_member):
    client.force_login(a_member)
    for number in range(5):
        assert client.post(POST_URL, form_data(a_post, f"Comment {number}")).status_code == 302
    response = client.post(POST_URL, form_data(a_post, "The sixth one"))
    assert response.status_code == 429
    assert "Please wait a moment and try again." in response.content.decode()
    assert textarea(response) == "The sixth one"
    assert XtdComment.objects.count() == 5


def test_comments_older_than_a_minute_do_not_count_towards_the_rate_limit(client, a_post, a_member):
    for number in range(10):
        add_comment(a_post, a_member, f"Earlier {number}")
    client.force_login(a_member)
    assert client.post(POST_URL, form_data(a_post, "Now")).status_code == 302


def test_a_filled_honeypot_saves_nothing_and_says_so_kindly(client, a_post, a_member):
    client.force_login(a_member)
    response = client.post(POST_URL, form_data(a_post, "Hello there", honeypot="http://spam.example"))
    assert response.status_code == 400
    assert "Your comment could not be posted. Please try again." in response.content.decode()
    assert textarea(response) == "Hello there"
    assert not XtdComment.objects.exists()


def test_a_tampered_security_hash_keeps_the_text_in_a_fresh_form(client, a_post, a_member):
    client.force_login(a_member)
    response = client.post(POST_URL, form_data(a_post, "My careful words", security_hash="0" * 40))
    assert response.status_code == 400
    assert "This form could not be checked" in response.content.decode()
    assert textarea(response) == "My careful words"
    assert not XtdComment.objects.exists()


# --- Length ---------------------------------------------------------------------------------------


def test_a_comment_of_3000_characters_posts_and_one_of_3001_is_refused_with_the_text_kept(client, a_post, a_member):
    client.force_login(a_member)
    assert client.post(POST_URL, form_data(a_post, "a" * 3000)).status_code == 302
    response = client.post(POST_URL, form_data(a_post, "b" * 3001))
    assert response.status_code == 400
    assert "Comments can be at most 3000 characters; yours has 3001." in response.content.decode()
    assert textarea(response) == "b" * 3001
    assert XtdComment.objects.count() == 1


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\u202e\u200f"])
def test_an_empty_comment_is_refused(client, a_post, a_member, text):
    client.force_login(a_member)
    response = client.post(POST_URL, form_data(a_post, text))
    assert response.status_code == 400
    assert "Please write your comment before posting." in response.content.decode()
    assert not XtdComment.objects.exists()


def test_a_ten_megabyte_body_is_refused_without_reading_it(client, a_post, a_member):
    client.force_login(a_member)
    response = client.post(POST_URL, form_data(a_post, "x" * (10 * 1024 * 1024)))
    assert response.status_code == 413
    assert "Your comment is far too long to post." in response.content.decode()
    assert not XtdComment.objects.exists()


def test_a_ten_megabyte_body_is_refused_with_csrf_checks_on_too(a_post, a_member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(a_member)
    response = browser.post(POST_URL, form_data(a_post, "x" * (10 * 1024 * 1024)))
    assert response.status_code in {400, 403, 413}
    assert not XtdComment.objects.exists()


# --- Hostile text ---------------------------------------------------------------------------------


def test_script_tags_are_shown_as_text_never_run(client, a_post, a_member):
    client.force_login(a_member)
    comment, body = published_html(client, a_post, '<script>alert("x")</script><img src=x onerror=alert(1)>')
    assert comment.comment == '<script>alert("x")</script><img src=x onerror=alert(1)>'
    assert body.find("script") is None and body.find("img") is None
    assert '<script>alert("x")</script>' in body.get_text()
    assert "<script>alert" not in client.get(a_post.url).content.decode()


def test_null_bytes_are_dropped_before_the_text_is_saved(client, a_post, a_member):
    client.force_login(a_member)
    comment, body = published_html(client, a_post, "Hello\x00 world\x07")
    assert comment.comment == "Hello world"
    assert "\x00" not in str(body)


def test_a_refused_comment_shown_again_carries_no_null_byte_or_override(client, a_post, a_member):
    client.force_login(a_member)
    response = client.post(POST_URL, form_data(a_post, "\x00\u202e" + "d" * 3001))
    assert response.status_code == 400
    assert "\x00" not in response.content.decode() and "\u202e" not in response.content.decode()
    assert textarea(response) == "d" * 3001


def test_emoji_joined_with_zero_width_joiners_stay_whole(client, a_post, a_member):
    client.force_login(a_member)
    comment, _ = published_html(client, a_post, "Our family \U0001f468\u200d\U0001f469\u200d\U0001f467")
    assert comment.comment == "Our family \U0001f468\u200d\U0001f469\u200d\U0001f467"


def test_direction_override_characters_are_removed_so_text_reads_as_written(client, a_post, a_member):
    client.force_login(a_member)
    comment, body = published_html(client, a_post, "Open invoice\u202eexe.pdf \u2066hidden\u2069 end")
    assert comment.comment == "Open invoiceexe.pdf hidden end"
    assert "\u202e" not in str(body) and "\u2066" not in str(body)
    assert body["dir"] == "auto"


def test_line_breaks_are_kept_and_links_are_clickable_but_not_endorsed(client, a_post, a_member):
    client.force_login(a_member)
    _, body = published_html(
        client, a_post, "First line\nSecond line\n\nSee https://example.org/help and javascript:alert(1)"
    )
    assert body.find("br") is not None
    assert len(body.find_all("p")) == 2
    link = body.find("a")
    assert link["href"] == "https://example.org/help"
    assert link["rel"] == ["nofollow", "ugc"]
    assert len(body.find_all("a")) == 1, "a javascript: address is never a link"


def test_name_email_and_url_fields_in_the_post_are_ignored(client, a_post, a_member):
    client.force_login(a_member)
    data = form_data(a_post, "Hello", name="The Admin", email="fake@example.org", url="https://evil.example")
    client.post(POST_URL, data)
    comment = XtdComment.objects.get()
    assert (comment.user_name, comment.user_email, comment.user_url) == ("Rosa M", "", "")


# --- The member's language ------------------------------------------------------------------------


def test_errors_on_the_spanish_page_are_in_spanish_and_keep_the_text(client, a_spanish_post, a_member):
    client.force_login(a_member)
    response = client.post("/es/comentarios/publicar/", form_data(a_spanish_post, "c" * 3001))
    html = response.content.decode()
    with translation.override("es"):
        expected = translation.gettext(
            "Comments can be at most %(limit_value)d characters; yours has %(show_value)d. "
            "Please shorten it and post again."
        ) % {"limit_value": 3000, "show_value": 3001}
        back_link = translation.gettext("Back to “%(title)s”") % {"title": a_spanish_post.title}
    assert response.status_code == 400
    assert '<html lang="es">' in html
    assert expected in html
    assert back_link in html
    assert textarea(response) == "c" * 3001
    assert 'action="/es/comentarios/publicar/"' in html


def test_the_spanish_page_posts_through_the_spanish_address_and_returns_to_the_spanish_page(
    client, a_spanish_post, a_member
):
    client.force_login(a_member)
    page = client.get(a_spanish_post.url).content.decode()
    assert 'action="/es/comentarios/publicar/"' in page
    response = client.post("/es/comentarios/publicar/", form_data(a_spanish_post, "Gracias por este artículo."))
    assert response["Location"].startswith("/es/blog/empezar-a-hablar-1/")
