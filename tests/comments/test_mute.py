"""Member-side mute: a member collapses another member's comments, for themselves only, and nobody is told."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from members.models import Mute
from tests.comments.factories import add_comment
from tests.comments.test_moderation import QUEUE_URL, held

# With the shared cache: what each reader sees of their own must never reach another (cms.shared_pieces).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("a_shared_cache")]

COLLAPSED = "Comment from a member you muted"


def mute_url(comment):
    return reverse("comments:mute", args=[comment.pk])


def thread_of(client, page):
    return BeautifulSoup(client.get(page.url).content, "html.parser")


@pytest.fixture
def a_thread(a_post, a_member, another_member, a_third_member):
    """Luis opens a thread, Carmen replies to him, Luis answers her; Rosa is the reader who mutes."""
    opening = add_comment(a_post, another_member, "I started with one calm sentence.")
    reply = add_comment(a_post, a_third_member, "That helped me too.", parent=opening)
    answer = add_comment(a_post, another_member, "Glad to hear it.", parent=reply)
    return {"opening": opening, "reply": reply, "answer": answer}


def test_a_member_mutes_the_author_of_a_comment_and_returns_to_that_comment(
    client, a_post, a_member, another_member, a_thread, mailoutbox
):
    client.force_login(a_member)
    opening = a_thread["opening"]
    response = client.post(mute_url(opening))
    assert response.status_code == 302
    assert response.url == f"{a_post.url}?comment={opening.pk}#c{opening.pk}"
    assert Mute.objects.filter(muter=a_member, muted=another_member).exists()
    assert mailoutbox == [], "the muted member is never told"
    page = client.get(response.url).content.decode()
    assert "You muted luis. Their comments are collapsed for you only; nobody is told." in page


def test_the_muted_members_comments_collapse_for_the_muter_and_replies_of_others_stay_open(
    client, a_post, a_member, another_member, a_thread
):
    Mute.objects.create(muter=a_member, muted=another_member)
    client.force_login(a_member)
    html = thread_of(client, a_post)
    opening, reply, answer = (html.find(id=f"c{a_thread[name].pk}") for name in ("opening", "reply", "answer"))
    for muted in (opening, answer):
        details = muted.find("details", class_="comment__muted", recursive=False)
        assert details.summary.get_text() == COLLAPSED
        assert details.find(class_="comment__text").get_text(strip=True) in {
            "I started with one calm sentence.",
            "Glad to hear it.",
        }
        unmute = details.find("button", class_="comment__unmute")
        assert unmute["formaction"] == f"/comments/{muted['id'][1:]}/unmute/"
        assert html.find(id=unmute["form"])["method"] == "post"
    assert reply.find("details", recursive=False) is None, "Carmen's reply is not hidden with the comment above it"
    assert reply.find(class_="comment__text").get_text(strip=True) == "That helped me too."
    assert reply.find("button", class_="comment__mute") is not None


def test_nobody_else_sees_the_mute(client, a_post, a_member, another_member, a_third_member, a_moderator, a_thread):
    Mute.objects.create(muter=a_member, muted=another_member)
    for viewer in (a_third_member, a_moderator, None):
        if viewer:
            client.force_login(viewer)
        else:
            client.logout()
        html = client.get(a_post.url).content.decode()
        assert COLLAPSED not in html and "comment__muted" not in html
        assert "I started with one calm sentence." in html


def test_the_mute_control_is_on_other_members_comments_only(
    client, a_post, a_member, another_member, a_moderator, a_thread
):
    own = add_comment(a_post, a_member, "My own words.")
    team = add_comment(a_post, a_moderator, "The team's answer.")
    client.force_login(a_member)
    html = thread_of(client, a_post)
    mute = html.find(id=f"c{a_thread['opening'].pk}").find("button", class_="comment__mute")
    assert mute["formaction"] == mute_url(a_thread["opening"])
    # One form after the thread carries the CSRF token for every Mute button, and one explanation.
    form = html.find(id=mute["form"])
    assert form.name == "form" and form["method"] == "post"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert "for you only. Nobody is told." in html.find(id=mute["aria-describedby"]).get_text()
    assert html.find(id=f"c{own.pk}").find("button", class_="comment__mute") is None
    assert html.find(id=f"c{team.pk}").find("button", class_="comment__mute") is None
    client.logout()
    assert "comment__mute" not in client.get(a_post.url).content.decode()


def test_one_cannot_mute_oneself_the_team_or_from_a_get(client, a_post, a_member, a_moderator, a_thread):
    own = add_comment(a_post, a_member, "My own words.")
    team = add_comment(a_post, a_moderator, "The team's answer.")
    client.force_login(a_member)
    assert client.post(mute_url(own)).status_code == 404
    assert client.post(mute_url(team)).status_code == 404
    assert client.get(mute_url(a_thread["opening"])).status_code == 405
    assert not Mute.objects.exists()


def test_visitors_and_accounts_without_membership_cannot_mute(client, a_post, an_unverified_account, a_thread):
    response = client.post(mute_url(a_thread["opening"]))
    assert response.status_code == 302 and "login" in response.url
    client.force_login(an_unverified_account)
    assert client.post(mute_url(a_thread["opening"])).status_code == 404
    assert not Mute.objects.exists()


def test_muting_is_in_spanish_on_the_spanish_page(client, a_spanish_post, a_spanish_member, another_member):
    comment = add_comment(a_spanish_post, another_member, "Yo empecé con una frase tranquila.")
    client.force_login(a_spanish_member)
    page = thread_of(client, a_spanish_post)
    mute = page.find(id=f"c{comment.pk}").find("button", class_="comment__mute")
    assert mute.get_text() == "Silenciar"
    assert mute["formaction"] == f"/es/comentarios/{comment.pk}/silenciar/"
    assert "No se le avisa a nadie." in page.find(id=mute["aria-describedby"]).get_text()
    response = client.post(mute["formaction"], follow=True)
    html = response.content.decode()
    assert "Silenció a luis." in html
    summary = BeautifulSoup(html, "html.parser").find(id=f"c{comment.pk}").summary
    assert summary.get_text() == "Comentario de una persona que usted silenció"


def test_the_moderators_queue_is_unaffected_by_mutes(client, a_post, a_member, another_member, a_moderator):
    Mute.objects.create(muter=a_member, muted=another_member)
    Mute.objects.create(muter=a_moderator, muted=another_member)  # even a moderator's own mute changes nothing there
    held(a_post, another_member, "Waiting for a moderator")
    client.force_login(a_moderator)
    queue = client.get(QUEUE_URL).content.decode()
    assert "Waiting for a moderator" in queue
    assert "muted" not in queue.lower()


def test_unmuting_from_the_opened_comment_returns_to_it_in_full(client, a_post, a_member, another_member, a_thread):
    Mute.objects.create(muter=a_member, muted=another_member)
    client.force_login(a_member)
    answer = a_thread["answer"]
    response = client.post(reverse("comments:unmute", args=[answer.pk]))
    assert response.url == f"{a_post.url}?comment={answer.pk}#c{answer.pk}"
    assert not Mute.objects.exists()
    html = client.get(response.url).content.decode()
    assert "Unmuted. Their comments show in full again." in html and COLLAPSED not in html


def test_unmuting_touches_only_the_viewers_own_mute(client, a_post, a_member, another_member, a_third_member, a_thread):
    Mute.objects.create(muter=a_third_member, muted=another_member)
    client.force_login(a_member)
    client.post(reverse("comments:unmute", args=[a_thread["opening"].pk]))
    assert Mute.objects.filter(muter=a_third_member, muted=another_member).exists()
