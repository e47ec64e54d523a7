"""A moderator's content note over a comment: set from the queue, shown as a <details>, at no query's cost."""

import pytest
from django.urls import reverse

from comments import services
from comments.models import CommentReview
from members.services import profile_for
from tests.comments.factories import add_comment
from tests.comments.test_queries import queries_for

pytestmark = pytest.mark.django_db

TEXT = "The night my brother overdosed I found him on the floor."


def note_url(comment):
    return reverse("comments_moderation:content_note", args=[comment.pk])


def test_a_moderator_sets_a_note_from_the_queue_and_readers_see_it_collapsed(
    client, a_post, a_member, another_member, a_moderator
):
    comment = add_comment(a_post, a_member, TEXT)
    client.force_login(a_moderator)
    published = client.get(reverse("comments_moderation:queue"), {"status": "published"}).content.decode()
    assert note_url(comment) in published
    assert client.get(note_url(comment)).status_code == 200
    response = client.post(note_url(comment) + "?status=published", {"note": "  describes an overdose "})
    assert response.status_code == 302
    assert CommentReview.objects.get(comment=comment).content_note == "describes an overdose"
    published = client.get(reverse("comments_moderation:queue"), {"status": "published"}).content.decode()
    assert "Content note: describes an overdose" in published

    client.force_login(another_member)
    html = client.get(a_post.url).content.decode()
    opening = html.index(f'id="c{comment.pk}"')
    details = html.index('<details class="content-note">', opening)
    assert '<span class="content-note__label">Content note:</span> describes an overdose</summary>' in html
    assert details < html.index("The night my brother overdosed", opening) < html.index("</details>", details)


def test_spanish_readers_see_the_note_label_in_spanish(client, a_spanish_post, a_spanish_member):
    comment = add_comment(a_spanish_post, a_spanish_member, "La noche en que mi hermano tuvo una sobredosis.")
    services.set_content_note(comment, "describe una sobredosis")
    client.force_login(a_spanish_member)
    html = client.get(a_spanish_post.url).content.decode()
    assert '<details class="content-note">' in html
    assert '<span class="content-note__label">Aviso de contenido:</span> describe una sobredosis' in html


def test_a_member_who_chose_always_expand_gets_noted_comments_open(client, a_post, a_member, another_member):
    comment = add_comment(a_post, a_member, TEXT)
    services.set_content_note(comment, "describes an overdose")
    profile = profile_for(another_member)
    profile.expand_content_notes = True
    profile.save()
    client.force_login(another_member)
    assert '<details class="content-note" open>' in client.get(a_post.url).content.decode()


def test_members_cannot_set_a_note(client, a_post, a_member, another_member):
    comment = add_comment(a_post, a_member, TEXT)
    client.force_login(another_member)
    assert client.get(note_url(comment)).status_code in {302, 403}
    assert client.post(note_url(comment), {"note": "spam"}).status_code in {302, 403}
    client.force_login(a_member)  # not even on their own comment
    assert client.post(note_url(comment), {"note": "spam"}).status_code in {302, 403}
    assert not CommentReview.objects.filter(comment=comment).exclude(content_note="").exists()


def test_an_empty_note_takes_it_away(client, a_post, a_member, a_moderator):
    comment = add_comment(a_post, a_member, TEXT)
    services.set_content_note(comment, "describes an overdose")
    client.force_login(a_moderator)
    client.post(note_url(comment), {"note": ""})
    assert CommentReview.objects.get(comment=comment).content_note == ""
    assert "content-note" not in client.get(a_post.url).content.decode()


def test_notes_cost_no_query(client, a_post, a_member, another_member, production_caching):
    comments = [add_comment(a_post, a_member, f"Comment {number}") for number in range(6)]
    client.force_login(another_member)
    client.get(a_post.url)
    before, html = queries_for(client, a_post.url)
    assert "content-note" not in html
    for comment in comments:
        services.set_content_note(comment, "mentions suicide")
    client.get(a_post.url)
    after, html = queries_for(client, a_post.url)
    assert html.count('<details class="content-note">') == 6
    assert after == before


def test_visitors_see_the_note_collapsed(client, a_post, a_member):
    comment = add_comment(a_post, a_member, TEXT)
    services.set_content_note(comment, "describes an overdose")
    assert '<details class="content-note">' in client.get(a_post.url).content.decode()
