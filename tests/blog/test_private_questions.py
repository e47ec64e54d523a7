"""A private question: asked without agreeing to publication, answered by email from the inbox,
labelled private everywhere, never turned into a post, and part of the member's data."""

import pytest

from blog import inbox
from blog.models import QAPostPage, QuestionSubmission
from members.privacy import member_data
from tests.members.factories import logged_in

from .factories import make_blog

pytestmark = pytest.mark.django_db

PRIVATE = {
    "subject": "Money and my son",
    "question": "Should I keep paying his rent while he uses?",
    "relationship": "child",
    "private": "on",
}
LISTING = "/admin/snippets/blog/questionsubmission/"


@pytest.fixture
def a_member(make_user):
    return make_user("quiet-sister", "Members")


def test_a_member_asks_privately_without_agreeing_to_publication(
    a_home_page, a_member, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(a_member).post("/blog/ask/", PRIVATE)
    assert response.status_code == 302
    question = QuestionSubmission.objects.get()
    assert (question.private, question.consent_to_publish) == (True, False)
    sent = logged_in(a_member).get(response["Location"]).content.decode()
    assert "You asked privately." in sent
    assert "never published" in mailoutbox[0].body


def test_a_spanish_member_asks_privately_at_the_spanish_address(
    a_spanish_home_page, a_member, django_capture_on_commit_callbacks
):
    form = logged_in(a_member).get("/es/blog/preguntar/").content.decode()
    assert "Prefiero preguntar en privado" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(a_member).post("/es/blog/preguntar/", PRIVATE)
    assert response["Location"] == "/es/blog/preguntar/enviada/"
    assert QuestionSubmission.objects.get().private


def test_without_consent_or_privacy_the_form_asks_for_one_of_them(a_home_page, a_member):
    response = logged_in(a_member).post("/blog/ask/", {**PRIVATE, "private": ""})
    assert response.status_code == 200
    assert "or choose to ask privately" in response.content.decode()
    assert not QuestionSubmission.objects.exists()


def test_staff_see_it_labelled_private_and_reply_by_email_without_seeing_the_address(
    a_home_page, a_member, an_editor, mailoutbox, django_capture_on_commit_callbacks
):
    question = QuestionSubmission.objects.create(
        member=a_member, language="en", subject="Money and my son", question="Rent?", relationship="child", private=True
    )
    make_blog(a_home_page)
    editor = logged_in(an_editor)
    listing = editor.get(LISTING).content.decode()
    assert "Private, by email" in listing
    assert f"/admin/blog/questions/{question.pk}/answer-privately/" in listing
    assert f"/admin/blog/questions/{question.pk}/draft-answer/" not in listing
    record = editor.get(f"/admin/snippets/blog/questionsubmission/edit/{question.pk}/").content.decode()
    assert a_member.email not in record
    form = editor.get(f"/admin/blog/questions/{question.pk}/answer-privately/").content.decode()
    assert a_member.email not in form
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            f"/admin/blog/questions/{question.pk}/answer-privately/", {"message": "Dear friend, here is what helps."}
        )
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.status, question.private_answer) == ("answered", "Dear friend, here is what helps.")
    [answer] = [message for message in mailoutbox if message.kind == "blog.private_answer"]
    assert answer.to == [a_member.email]
    assert "A private answer from the team" in answer.body
    assert "Dear friend, here is what helps." in answer.body


def test_a_private_question_never_becomes_a_post(a_home_page, a_member, an_editor):
    make_blog(a_home_page)
    question = QuestionSubmission.objects.create(
        member=a_member, language="en", subject="Private", question="Rent?", relationship="child", private=True
    )
    with pytest.raises(inbox.InboxError):
        inbox.draft_answer(question, an_editor)
    assert logged_in(an_editor).post(f"/admin/blog/questions/{question.pk}/draft-answer/").status_code == 302
    assert not QAPostPage.objects.exists()


def test_a_private_question_and_its_answer_are_in_the_members_data(a_home_page, a_member):
    QuestionSubmission.objects.create(
        member=a_member,
        language="en",
        subject="Private",
        question="Rent?",
        relationship="child",
        private=True,
        private_answer="Here is what helps.",
    )
    [exported] = member_data(a_member)["blog_questions"]
    assert (exported["private"], exported["private_answer"]) == (True, "Here is what helps.")
