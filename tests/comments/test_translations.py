"""Each translation has its own thread and points to the other one; episodes take comments too."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from tests.blog.factories import make_episode, make_podcast
from tests.comments.factories import add_comment, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_each_language_has_its_own_thread(client, a_post, a_spanish_post, a_member):
    add_comment(a_post, a_member, "An English comment")
    add_comment(a_spanish_post, a_member, "Un comentario en español")
    english = client.get(a_post.url).content.decode()
    spanish = client.get(a_spanish_post.url).content.decode()
    assert "An English comment" in english and "Un comentario en español" not in english
    assert "Un comentario en español" in spanish and "An English comment" not in spanish


def test_a_page_says_how_many_comments_the_other_language_has_and_links_to_them(
    client, a_post, a_spanish_post, a_member, another_member
):
    add_comment(a_post, a_member, "One")
    add_comment(a_spanish_post, a_member, "Uno")
    add_comment(a_spanish_post, another_member, "Dos")
    add_comment(a_spanish_post, another_member, "Held", is_public=False)
    english = BeautifulSoup(client.get(a_post.url).content, "html.parser")
    other = english.select_one(".comments__other-language")
    assert not other.has_attr("lang"), "the sentence is in the page's language"
    link = other.find("a")
    assert link["hreflang"] == "es"
    assert link["href"] == "/es/blog/empezar-a-hablar-1/#comments"
    assert "has 2 comments" in link.get_text(" ", strip=True)
    spanish = BeautifulSoup(client.get(a_spanish_post.url).content, "html.parser")
    back = spanish.select_one(".comments__other-language a")
    assert back["href"] == "/blog/start-talking-1/#comments"
    assert back.get_text(" ", strip=True) == "La versión en inglés de esta página tiene 1 comentario."


def test_a_translation_without_comments_is_not_announced(client, a_post, a_spanish_post, a_member):
    add_comment(a_post, a_member, "One")
    spanish = BeautifulSoup(client.get(a_spanish_post.url).content, "html.parser")
    assert spanish.select_one(".comments__other-language") is not None
    english = BeautifulSoup(client.get(a_post.url).content, "html.parser")
    assert english.select_one(".comments__other-language") is None


def test_a_reply_must_stay_in_its_own_languages_thread(client, a_post, a_spanish_post, a_member):
    english_comment = add_comment(a_post, a_member, "English root")
    client.force_login(a_member)
    response = client.post(
        "/es/comentarios/publicar/", form_data(a_spanish_post, "Respuesta", reply_to=english_comment.pk)
    )
    assert response.status_code == 400
    assert not XtdComment.objects.filter(comment="Respuesta").exists()


def test_members_comment_on_a_podcast_episode_and_staff_reply_under_it(
    client, a_home_page, comment_settings, a_member, a_moderator
):
    episode = make_episode(make_podcast(a_home_page), 1)
    assert episode.allow_comments, "on by default for episodes"
    client.force_login(a_member)
    response = client.post(reverse("comments:post"), form_data(episode, "This episode helped my family."))
    assert response.status_code == 302
    comment = XtdComment.objects.get()
    add_comment(episode, a_moderator, "Thank you for listening.", parent=comment)
    client.logout()
    soup = BeautifulSoup(client.get(episode.url).content, "html.parser")
    thread = soup.select_one(f"#c{comment.pk}")
    assert "This episode helped my family." in thread.get_text()
    reply = thread.select_one("ol .comment--staff")
    assert "Thank you for listening." in reply.get_text() and reply.select_one(".comment__badge")


def test_segments_take_comments_only_once_an_editor_turns_them_on(client, a_home_page, comment_settings, a_member):
    from learning.models import SegmentPage
    from tests.learning.factories import build_course

    build_course(a_home_page, modules=1, segments=1)
    segment = SegmentPage.objects.get()
    client.force_login(a_member)
    assert not segment.allow_comments
    assert client.post(reverse("comments:post"), form_data(segment, "Hello")).status_code == 403
    segment.allow_comments = True
    segment.save_revision().publish()
    assert client.post(reverse("comments:post"), form_data(segment, "Hello")).status_code == 302


def test_a_spanish_thread_has_no_english_labels(client, a_spanish_post, a_member, another_member, a_moderator):
    """The badge, the report button and the reported note were built in f-strings xgettext never saw."""
    staff_comment = add_comment(a_spanish_post, a_moderator, "Gracias por escribir.")
    reported = add_comment(a_spanish_post, another_member, "Otro comentario")
    add_comment(a_spanish_post, another_member, "Un tercero")
    CommentFlag.objects.create(comment=reported, user=a_member, flag=CommentFlag.SUGGEST_REMOVAL)
    client.force_login(a_member)
    soup = BeautifulSoup(client.get(a_spanish_post.url).content, "html.parser")
    thread = soup.select_one(".comment-list")
    assert soup.select_one(f"#c{staff_comment.pk} .comment__badge").get_text(strip=True) == "Equipo"
    note = soup.select_one(f"#c{reported.pk} .comment__reported")
    assert note.get_text(strip=True) == "Usted reportó este comentario"
    assert {link.get_text(strip=True) for link in thread.select("a.comment__report")} == {"Reportar"}
    words = set(thread.get_text(" ", strip=True).split())
    assert not words & {"Staff", "Report", "You", "reported"}
