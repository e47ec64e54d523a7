"""The safety net: a comment about suicide or self-harm waits for a person, who is told at once."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from cms.models import CrisisResource
from comments.models import HoldReason
from members.services import grant_membership, profile_for
from tests.comments.factories import form_data
from tests.links import BASE_URL

# These read what the emails say; discreet mode has its own test (tests/comments/test_every_email_discreet.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("descriptive_emails")]

POST_URL = reverse("comments:post")
TEXT = "Some nights I think about suicide. I don't know who to tell."


@pytest.fixture
def crisis_line(english):
    return CrisisResource.objects.create(
        locale=english, name="988 Suicide & Crisis Lifeline", contact="Call or text 988", url="https://988lifeline.org/"
    )


def post(client, page, text, capture):
    with capture(execute=True):
        return client.post(POST_URL, form_data(page, text))


def test_a_comment_mentioning_suicide_is_held_not_published(
    client, a_post, a_member, a_moderator, word_lists, crisis_line, django_capture_on_commit_callbacks
):
    client.force_login(a_member)
    response = post(client, a_post, TEXT, django_capture_on_commit_callbacks)
    comment = XtdComment.objects.get()
    assert response.status_code == 200
    assert not comment.is_public and not comment.is_removed
    assert comment.review.hold_reason == HoldReason.SAFETY
    client.logout()
    assert TEXT not in client.get(a_post.url).content.decode()


def test_moderators_are_emailed_at_once_with_the_comment_and_a_link_to_the_queue(
    client, a_post, a_member, a_moderator, word_lists, crisis_line, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(a_member)
    post(client, a_post, TEXT, django_capture_on_commit_callbacks)
    to_moderator = [message for message in mailoutbox if message.to == ["moderator@example.org"]]
    assert len(to_moderator) == 1
    (email,) = to_moderator
    assert email.subject == (
        "Please read soon: a comment on “How do I start talking about treatment 1” may come from someone in distress"
    )
    assert "Rosa M posted a comment on “How do I start talking about treatment 1”" in email.body
    assert TEXT in email.body
    assert f"{BASE_URL}/admin/comments/?status=pending" in email.body
    assert "rosa@example.org" not in email.body
    assert all(message.to != ["rosa@example.org"] for message in mailoutbox), "the poster gets no email"
    assert email.from_email == "CRAFT Family Support <noreply@localhost>"


def test_a_spanish_speaking_moderator_is_emailed_in_spanish_from_the_sites_spanish_name(
    client, a_post, a_member, a_moderator, word_lists, crisis_line, mailoutbox, django_capture_on_commit_callbacks
):
    profile = profile_for(a_moderator)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(a_member)
    post(client, a_post, TEXT, django_capture_on_commit_callbacks)
    (email,) = [message for message in mailoutbox if message.to == ["moderator@example.org"]]
    assert email.subject.startswith("Por favor, léalo pronto")
    assert email.from_email == "CRAFT Apoyo Familiar <noreply@localhost>"


def test_the_poster_sees_a_kind_message_and_the_crisis_resources(
    client, a_post, a_member, a_moderator, word_lists, crisis_line, django_capture_on_commit_callbacks
):
    client.force_login(a_member)
    response = post(client, a_post, TEXT, django_capture_on_commit_callbacks)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Thank you for sharing this with us"
    assert "You do not have to carry this alone." in soup.get_text()
    crisis = soup.select_one(".comments-crisis")
    assert crisis is not None
    assert "988 Suicide & Crisis Lifeline" in crisis.get_text()
    assert crisis.find("a", href="https://988lifeline.org/")


def test_the_held_comment_is_shown_to_its_author_only_and_waits_in_the_queue(
    client, a_post, a_member, another_member, a_moderator, word_lists, django_capture_on_commit_callbacks
):
    client.force_login(a_member)
    post(client, a_post, TEXT, django_capture_on_commit_callbacks)
    own_view = client.get(a_post.url).content.decode()
    assert TEXT.replace("'", "&#x27;") in own_view
    assert "Only you can see this comment until a moderator has read it." in own_view
    client.force_login(another_member)
    assert "I think about suicide" not in client.get(a_post.url).content.decode()
    client.force_login(a_moderator)
    queue = client.get(reverse("comments_moderation:queue")).content.decode()
    assert "I think about suicide" in queue
    assert "mentions suicide or self-harm" in queue


def test_spanish_safety_terms_hold_a_comment_on_an_english_page_and_accents_do_not_matter(
    client, a_post, a_member, a_moderator, word_lists, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(a_member)
    post(client, a_post, "A veces quiero SUICIDARME, no sé qué hacer.", django_capture_on_commit_callbacks)
    assert XtdComment.objects.get().review.hold_reason == HoldReason.SAFETY
    assert len(mailoutbox) >= 1


def test_staff_comments_about_suicide_are_held_too(
    client, a_post, a_moderator, word_lists, django_capture_on_commit_callbacks
):
    grant_membership(a_moderator)
    client.force_login(a_moderator)
    post(client, a_post, "If you think about suicide, please call 988.", django_capture_on_commit_callbacks)
    assert not XtdComment.objects.get().is_public


def test_a_word_that_only_contains_a_safety_term_is_not_held(
    client, a_post, a_member, word_lists, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(a_member)
    response = post(
        client, a_post, "We watched a film about suicidology researchers.", django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert XtdComment.objects.get().is_public
    assert mailoutbox == []
