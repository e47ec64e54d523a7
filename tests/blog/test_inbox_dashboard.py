"""The inbox where editors live: the dashboard panel, the menu badge, assignment, and no member's email."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.users.models import UserProfile

from blog.models import QuestionSubmission
from home.models import HomePage
from tests.members.factories import logged_in

from .factories import BLOG_SPANISH, make_blog

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/blog/questionsubmission/"


@pytest.fixture
def a_member(make_user):
    return make_user("hopeful-parent", "Members")


def ask(member, subject, language="en", **fields):
    return QuestionSubmission.objects.create(
        member=member, subject=subject, question="How do I start?", relationship="child", language=language, **fields
    )


def test_the_dashboard_counts_new_questions_and_lists_those_assigned_to_the_editor(a_home_page, a_member, an_editor):
    ask(a_member, "A new one")
    ask(a_member, "Another new one")
    ask(a_member, "Mine to answer", assigned_to=an_editor, status=QuestionSubmission.Status.IN_PROGRESS)
    body = logged_in(an_editor).get("/admin/").content.decode()
    assert "2 new questions wait for an answer" in body
    assert "Assigned to you: 1 open question" in body and "Mine to answer" in body


def test_the_menu_item_says_how_many_questions_are_new(a_home_page, a_member, an_editor):
    ask(a_member, "A new one")
    assert "Member questions (1 new)" in logged_in(an_editor).get("/admin/").content.decode()


def test_the_dashboard_and_menu_speak_spanish_to_a_spanish_speaking_editor(a_home_page, a_member, an_editor):
    ask(a_member, "A new one")
    profile = UserProfile.get_for_user(an_editor)
    profile.preferred_language = "es"
    profile.save()
    body = logged_in(an_editor).get("/admin/").content.decode()
    assert "1 pregunta nueva espera respuesta" in body
    assert "(1 nueva)" in body


def test_assigned_to_me_lists_only_the_editors_own_questions(a_home_page, a_member, an_editor, make_user):
    colleague = make_user("colleague", "Editors")
    ask(a_member, "For the editor", assigned_to=an_editor)
    ask(a_member, "For the colleague", assigned_to=colleague)
    ask(a_member, "For nobody yet")
    mine = logged_in(an_editor).get(LISTING, {"assigned": "me"}).content.decode()
    assert "For the editor" in mine and "For the colleague" not in mine and "For nobody yet" not in mine
    nobody = logged_in(an_editor).get(LISTING, {"assigned": "nobody"}).content.decode()
    assert "For nobody yet" in nobody and "For the editor" not in nobody


def test_an_editor_assigns_a_question_to_a_colleague_who_works_the_inbox(a_home_page, a_member, an_editor, make_user):
    colleague = make_user("colleague", "Editors")
    translator = make_user("translator", "Translators")
    question = ask(a_member, "Who takes this one?")
    edit = f"{LISTING}edit/{question.pk}/"
    form = logged_in(an_editor).get(edit).content.decode()
    assert f'<option value="{colleague.pk}">colleague</option>' in form
    assert f'value="{translator.pk}"' not in form, "only those who may answer are offered"
    response = logged_in(an_editor).post(edit, {"assigned_to": colleague.pk, "staff_notes": ""})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.assigned_to == colleague


def test_the_question_never_shows_the_members_email_to_editors(a_home_page, a_member, an_editor):
    question = ask(a_member, "Private address")
    for url in (f"{LISTING}edit/{question.pk}/", LISTING, "/admin/"):
        body = logged_in(an_editor).get(url).content.decode()
        assert a_member.email not in body, url


def test_the_form_says_the_daily_limit_before_the_member_types(a_spanish_home_page, a_member):
    ask(a_member, "Earlier today")
    english = logged_in(a_member).get("/blog/ask/").content.decode()
    assert "You can send up to 3 questions a day." in english and "You have 2 left today." in english
    assert english.index("You can send up to 3") < english.index('class="question-form"')
    spanish = logged_in(a_member).get("/es/blog/preguntar/").content.decode()
    assert "Puede enviar hasta 3 preguntas al día." in spanish and "Hoy le quedan 2." in spanish


def test_the_form_says_when_the_days_questions_are_used_up(a_home_page, a_member):
    for number in range(QuestionSubmission.MAX_PER_DAY):
        ask(a_member, f"Question {number}")
    assert "please come back tomorrow" in logged_in(a_member).get("/blog/ask/").content.decode()


def test_the_demo_member_still_has_room_to_ask_on_a_fresh_install(demo):
    member = get_user_model().objects.get(username="member")
    assert QuestionSubmission.objects.filter(member=member).count() == 5
    assert QuestionSubmission.remaining_today(member) >= 1
    in_progress = QuestionSubmission.objects.get(status=QuestionSubmission.Status.IN_PROGRESS)
    assert in_progress.assigned_to.username == "editor"
    # One private question waits in the inbox, to be answered by email and never published.
    private = QuestionSubmission.objects.get(private=True)
    assert (private.status, private.consent_to_publish) == (QuestionSubmission.Status.NEW, False)


def test_the_draft_message_matches_who_publishes(
    a_spanish_home_page, translate, english, a_member, an_editor, django_capture_on_commit_callbacks
):
    blog = make_blog(HomePage.objects.get(locale=english))
    translate(blog, BLOG_SPANISH)
    client = logged_in(an_editor)
    for language, expected in (("en", "then publish it."), ("es", "then submit it to Spanish review.")):
        question = ask(a_member, f"In {language}", language=language)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/admin/blog/questions/{question.pk}/draft-answer/", follow=True)
        with translation.override("en"):
            assert expected in response.content.decode(), language
