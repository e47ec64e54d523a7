"""What the inbox tells members, and when: in the language of their profile, only about open
questions, and never an answer email to someone who turned those off."""

import pytest

from blog import inbox
from blog.models import QAPostPage, QuestionSubmission
from home.models import HomePage
from tests.links import BASE_URL
from tests.members.factories import logged_in

from .factories import BLOG_SPANISH, make_blog

# These read what the emails say; discreet mode has its own test (tests/comments/test_every_email_discreet.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("descriptive_emails")]


def set_profile(user, **fields):
    profile = user.member_profile
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()


@pytest.fixture
def a_member(make_user):
    return make_user("hopeful-parent", "Members")


def ask(member, language="en", subject="My son relapsed after six months"):
    return QuestionSubmission.objects.create(
        member=member,
        language=language,
        subject=subject,
        question="He was doing so well. How do I respond without anger?",
        relationship="child",
        consent_to_publish=True,
    )


def publish(post, user, capture):
    with capture(execute=True):
        post.save_revision(user=user).publish()


def test_a_declined_question_stays_declined_when_its_draft_is_published_later(
    a_home_page, a_member, an_editor, mailoutbox, django_capture_on_commit_callbacks
):
    make_blog(a_home_page)
    question = ask(a_member)
    post = inbox.draft_answer(question, an_editor)
    with django_capture_on_commit_callbacks(execute=True):
        inbox.decline(question, "Dear friend, we cannot answer this one.")
    mailoutbox.clear()

    publish(QAPostPage.objects.get(pk=post.pk), an_editor, django_capture_on_commit_callbacks)

    question.refresh_from_db()
    assert question.status == QuestionSubmission.Status.DECLINED
    assert question.answered_at is None
    assert mailoutbox == []


def test_an_answered_question_is_not_announced_again_when_its_post_is_republished(
    a_home_page, a_member, an_editor, mailoutbox, django_capture_on_commit_callbacks
):
    make_blog(a_home_page)
    post = QAPostPage.objects.get(pk=inbox.draft_answer(ask(a_member), an_editor).pk)
    publish(post, an_editor, django_capture_on_commit_callbacks)
    publish(post, an_editor, django_capture_on_commit_callbacks)

    assert [email.subject for email in mailoutbox] == [
        "Your question has been answered: My son relapsed after six months"
    ]


def test_a_member_who_turned_off_answer_emails_gets_none_but_the_question_is_answered(
    a_home_page, a_member, an_editor, mailoutbox, django_capture_on_commit_callbacks
):
    set_profile(a_member, notify_answers=False)
    make_blog(a_home_page)
    question = ask(a_member)
    post = QAPostPage.objects.get(pk=inbox.draft_answer(question, an_editor).pk)

    publish(post, an_editor, django_capture_on_commit_callbacks)

    question.refresh_from_db()
    assert question.status == QuestionSubmission.Status.ANSWERED and question.answered_at
    assert mailoutbox == []


def test_the_answer_email_is_in_the_language_of_the_members_profile_not_of_the_question(
    a_spanish_home_page, english, translate, a_member, an_editor, mailoutbox, django_capture_on_commit_callbacks
):
    translate(make_blog(HomePage.objects.get(locale=english)), BLOG_SPANISH)
    set_profile(a_member, preferred_language="es")
    question = ask(a_member, language="en")
    post = QAPostPage.objects.get(pk=inbox.draft_answer(question, an_editor).pk)

    publish(post, an_editor, django_capture_on_commit_callbacks)

    (email,) = mailoutbox
    assert email.to == [a_member.email]
    assert email.subject == "Respondimos a su pregunta: My son relapsed after six months"
    assert email.from_email == "CRAFT Apoyo Familiar <noreply@localhost>"
    assert email.body.startswith("Hola, hopeful-parent:")
    assert "Nuestro equipo respondió su pregunta" in email.body
    assert "Our team has answered" not in email.body
    # The post itself is in the blog of the language the question was written in.
    assert f"{BASE_URL}/blog/" in email.body


def test_the_receipt_is_in_english_for_a_member_whose_profile_says_english(
    a_spanish_home_page, english, translate, a_member, mailoutbox, django_capture_on_commit_callbacks
):
    translate(make_blog(HomePage.objects.get(locale=english)), BLOG_SPANISH)
    set_profile(a_member, preferred_language="en")
    data = {"subject": "Una pregunta", "question": "¿Qué hago?", "relationship": "child", "consent_to_publish": "on"}

    with django_capture_on_commit_callbacks(execute=True):
        logged_in(a_member).post("/es/blog/preguntar/", data)

    (receipt,) = mailoutbox
    assert receipt.subject == "We received your question: Una pregunta"
    assert receipt.from_email == "CRAFT Family Support <noreply@localhost>"
    assert receipt.body.startswith("Dear hopeful-parent,")
    assert QuestionSubmission.objects.get().language == "es"


def test_the_decline_form_offers_the_kind_message_in_spanish_and_sends_it(
    a_spanish_home_page, english, translate, a_member, an_editor, mailoutbox, django_capture_on_commit_callbacks
):
    translate(make_blog(HomePage.objects.get(locale=english)), BLOG_SPANISH)
    set_profile(a_member, preferred_language="es")
    question = ask(a_member, language="es", subject="¿Qué clínica elijo?")
    editor = logged_in(an_editor)

    form = editor.get(f"/admin/blog/questions/{question.pk}/decline/").context["form"]
    message = form.initial["message"]
    assert message.startswith("Hola, hopeful-parent:")
    assert "Gracias por confiarnos su pregunta." in message
    assert "No podemos responder esta pregunta en el Blog de preguntas y respuestas." in message
    assert "El equipo de CRAFT Apoyo Familiar" in message
    assert "Thank you" not in message

    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"/admin/blog/questions/{question.pk}/decline/", {"message": message})

    (email,) = mailoutbox
    assert email.subject == "Sobre su pregunta: ¿Qué clínica elijo?"
    assert email.from_email == "CRAFT Apoyo Familiar <noreply@localhost>"
    assert email.body.strip() == message.strip()
    question.refresh_from_db()
    assert question.status == QuestionSubmission.Status.DECLINED


def test_only_staff_are_offered_as_a_posts_author(a_home_page, admin_client, make_user, an_editor):
    blog = make_blog(a_home_page)
    member = make_user("rosa-member", "Members")
    make_user("no-groups")
    make_user("left-the-team", "Editors", is_active=False)

    form = admin_client.get(f"/admin/pages/add/blog/qapostpage/{blog.pk}/").context["form"]

    authors = set(form.fields["author"].queryset.values_list("username", flat=True))
    assert {"admin", "editor"} <= authors
    assert authors.isdisjoint({"rosa-member", "no-groups", "left-the-team"})
    assert member not in form.fields["author"].queryset
