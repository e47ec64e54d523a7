"""The members-only question form: access, hostile input, rate limit; nothing half-stored, no 500s."""

import pytest
from django.test import Client

from blog.models import QuestionSubmission

# These read what the emails say; discreet mode has its own test (tests/comments/test_every_email_discreet.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("descriptive_emails")]

VALID = {
    "subject": "Talking about treatment",
    "question": "When is a good moment to suggest counselling?",
    "relationship": "partner",
    "consent_to_publish": "on",
}


@pytest.fixture
def member_client(a_home_page, make_user):
    client = Client()
    client.force_login(make_user("quiet-sister", "Members"))
    return client


def test_anonymous_visitors_are_sent_to_log_in_and_nothing_is_stored(a_home_page, client):
    for method in (client.get, client.post):
        response = method("/blog/ask/", VALID)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/blog/ask/")
    assert client.get("/blog/ask/sent/").status_code == 302
    assert not QuestionSubmission.objects.exists()


def test_logged_in_non_members_are_told_the_form_is_for_members(a_home_page, make_user, client):
    client.force_login(make_user("not-yet-verified"))
    response = client.post("/blog/ask/", VALID)
    assert response.status_code == 403
    assert "Questions are for members" in response.content.decode()
    assert not QuestionSubmission.objects.exists()


def test_a_member_gets_a_clear_confirmation_and_an_english_receipt(
    member_client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post("/blog/ask/", VALID, follow=True)
    assert "Thank you: your question was sent" in response.content.decode()
    assert "Talking about treatment" in response.content.decode()
    assert QuestionSubmission.objects.get().language == "en"
    assert mailoutbox[0].subject == "We received your question: Talking about treatment"
    assert "quiet-sister" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"subject": ""}, "subject", "Please give your question a subject."),
        ({"question": "   "}, "question", "Please write your question."),
        ({"subject": "x" * 121}, "subject", "Please keep the subject to 120 characters (it has 121)."),
        ({"question": "y" * 3001}, "question", "Please keep your question to 3000 characters (it has 3001)."),
        ({"question": "<script>alert(1)</script>"}, "question", "Please write your question as plain text"),
        ({"subject": "<b>Help</b>"}, "subject", "Please write your question as plain text"),
        ({"question": "Hello\x00there"}, "question", "Null characters are not allowed."),
        ({"relationship": "123"}, "relationship", "Please choose one of the options."),
        ({"relationship": ""}, "relationship", "Please tell us who you are writing about."),
        (
            {"consent_to_publish": ""},
            "consent_to_publish",
            "Please agree, so that the team can answer you on the blog, or choose to ask privately.",
        ),
    ],
)
def test_hostile_or_incomplete_input_gets_a_clear_error_and_stores_nothing(
    member_client, mailoutbox, changes, field, message
):
    data = {key: value for key, value in {**VALID, **changes}.items() if value != ""}
    response = member_client.post("/blog/ask/", data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not QuestionSubmission.objects.exists()
    assert not mailoutbox


def test_errors_are_in_spanish_on_the_spanish_form(a_spanish_home_page, member_client):
    response = member_client.post("/es/blog/preguntar/", {**VALID, "subject": ""})
    assert response.status_code == 200
    assert "Escriba un asunto para su pregunta." in response.content.decode()
    assert not QuestionSubmission.objects.exists()


def test_a_member_may_send_only_a_few_questions_a_day(member_client, django_capture_on_commit_callbacks):
    for number in range(QuestionSubmission.MAX_PER_DAY):
        with django_capture_on_commit_callbacks(execute=True):
            assert member_client.post("/blog/ask/", {**VALID, "subject": f"Question {number}"}).status_code == 302
    response = member_client.post("/blog/ask/", {**VALID, "subject": "One too many"})
    assert response.status_code == 200
    assert "You have sent 3 questions in the last day" in response.content.decode()
    assert QuestionSubmission.objects.count() == QuestionSubmission.MAX_PER_DAY


def test_other_methods_are_refused(member_client):
    assert member_client.put("/blog/ask/", VALID).status_code == 405
    assert member_client.post("/blog/ask/sent/").status_code == 405


def test_the_person_written_about_is_not_named_like_the_members_own_role():
    """In a question "parent" is the member's mother or father; in a profile, the member is a parent."""
    from members.models import Relationship

    assert not hasattr(QuestionSubmission, "Relationship")
    assert QuestionSubmission.LovedOneIs.PARENT.label == "My mother or father"
    assert Relationship.PARENT.label == "Parent"
    assert QuestionSubmission._meta.get_field("relationship").choices == QuestionSubmission.LovedOneIs.choices
