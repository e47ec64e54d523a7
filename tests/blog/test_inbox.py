"""The question inbox journey: a member writes in, an editor drafts the answer, publishing tells the member."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import translation

from blog.models import QAPostPage, QuestionSubmission
from home.models import HomePage
from members.registry import activity, data_export
from tests.links import BASE_URL
from tests.members.factories import logged_in

from .factories import BLOG_SPANISH, make_blog, make_post, post_spanish

# These read what the emails say; discreet mode has its own test (tests/comments/test_every_email_discreet.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("descriptive_emails")]

LISTING = "/admin/snippets/blog/questionsubmission/"

A_QUESTION = {
    "subject": "My son relapsed after six months",
    "question": "He was doing so well. How do I respond without anger?",
    "relationship": "child",
    "consent_to_publish": "on",
}


def draft_url(question):
    return f"/admin/blog/questions/{question.pk}/draft-answer/"


def decline_url(question):
    return f"/admin/blog/questions/{question.pk}/decline/"


@pytest.fixture
def a_member(make_user):
    return make_user("hopeful-parent", "Members")


@pytest.fixture
def a_translator(make_user):
    translator = make_user("translator", "Translators")
    translator.groups.get().permissions.add(Permission.objects.get(codename="access_admin"))
    return translator


# The question form in each language's own words.
QUESTION_FORM = {"": "/blog/ask/", "/es": "/es/blog/preguntar/"}


def submit(member, data=A_QUESTION, prefix="", capture=None):
    with capture(execute=True):
        return logged_in(member).post(QUESTION_FORM[prefix], data)


def test_the_whole_journey_in_spanish(
    a_spanish_home_page,
    translate,
    english,
    spanish,
    a_member,
    an_editor,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    translate(make_blog(HomePage.objects.get(locale=english)), BLOG_SPANISH)
    a_member.member_profile.preferred_language = "es"
    a_member.member_profile.save()
    response = submit(a_member, prefix="/es", capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == "/es/blog/preguntar/enviada/"
    question = QuestionSubmission.objects.get()
    assert (question.member, question.language, question.status) == (a_member, "es", "new")
    receipt = mailoutbox[0]
    assert receipt.to == [a_member.email]
    assert "Recibimos su pregunta" in receipt.subject
    assert "Hola, hopeful-parent" in receipt.body

    editor = logged_in(an_editor)
    confirm = editor.get(draft_url(question))
    assert confirm.status_code == 200
    assert "Hola, hopeful-parent: gracias por escribirnos." in confirm.content.decode()
    response = editor.post(draft_url(question))
    post = QAPostPage.objects.get()
    assert response["Location"] == f"/admin/pages/{post.pk}/edit/"
    assert editor.get(response["Location"]).status_code == 200
    assert not post.live
    assert post.locale == spanish
    assert post.get_parent().slug == "blog" and post.get_parent().locale == spanish
    assert (post.asker, post.asker_name, post.author) == (a_member, "hopeful-parent", an_editor)
    assert post.title == A_QUESTION["subject"]
    assert post.question == A_QUESTION["question"]
    assert "Hola, hopeful-parent: gracias por escribirnos." in str(post.answer[0].value)
    question.refresh_from_db()
    assert (question.status, question.answer_post) == ("in_progress", post)
    # Drafting twice opens the same post instead of making a second one.
    assert editor.post(draft_url(question))["Location"] == f"/admin/pages/{post.pk}/edit/"
    assert QAPostPage.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        post.save_revision(user=an_editor).publish()
    question.refresh_from_db()
    assert question.status == "answered" and question.answered_at
    answered = mailoutbox[1]
    assert answered.to == [a_member.email]
    assert "Respondimos a su pregunta" in answered.subject
    assert QAPostPage.objects.get().full_url in answered.body
    assert f"{BASE_URL}/es/blog/" in answered.body


def test_declining_sends_the_editors_kind_message(
    a_home_page, a_member, an_editor, mailoutbox, django_capture_on_commit_callbacks
):
    make_blog(a_home_page)
    submit(a_member, capture=django_capture_on_commit_callbacks)
    question = QuestionSubmission.objects.get()
    editor = logged_in(an_editor)
    form = editor.get(decline_url(question))
    assert "Thank you for trusting us with your question" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(decline_url(question), {"message": "Dear friend, we cannot answer this one, but..."})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == "declined" and question.declined_at
    assert question.decline_message == "Dear friend, we cannot answer this one, but..."
    declined = mailoutbox[-1]
    assert declined.to == [a_member.email]
    assert declined.body.strip() == "Dear friend, we cannot answer this one, but..."
    # A closed question can neither be declined again nor drafted.
    editor.post(decline_url(question), {"message": "Again"})
    editor.post(draft_url(question))
    question.refresh_from_db()
    assert question.decline_message.startswith("Dear friend")
    assert len(mailoutbox) == 2
    assert not QAPostPage.objects.exists()


def test_an_empty_decline_message_is_refused(a_home_page, a_member, an_editor, django_capture_on_commit_callbacks):
    submit(a_member, capture=django_capture_on_commit_callbacks)
    question = QuestionSubmission.objects.get()
    response = logged_in(an_editor).post(decline_url(question), {"message": ""})
    assert response.status_code == 200
    question.refresh_from_db()
    assert question.status == "new"


def test_editors_see_pseudonyms_and_never_the_members_email(
    a_home_page, a_member, an_editor, django_capture_on_commit_callbacks
):
    submit(a_member, capture=django_capture_on_commit_callbacks)
    question = QuestionSubmission.objects.get()
    editor = logged_in(an_editor)
    listing = editor.get(LISTING).content.decode()
    assert "hopeful-parent" in listing and A_QUESTION["subject"] in listing
    assert a_member.email not in listing
    assert "Draft an answer" in listing
    record = editor.get(f"{LISTING}edit/{question.pk}/").content.decode()
    assert a_member.email not in record, "replies go out by themselves: editors never need the address"
    assert A_QUESTION["question"] in record


def test_editors_filter_and_search_the_inbox(a_home_page, make_user, an_editor, django_capture_on_commit_callbacks):
    for name, subject in [("first", "About relapse"), ("second", "About self-care")]:
        submit(
            make_user(name, "Members"), {**A_QUESTION, "subject": subject}, capture=django_capture_on_commit_callbacks
        )
    QuestionSubmission.objects.filter(subject="About relapse").update(status="declined")
    editor = logged_in(an_editor)
    by_status = editor.get(LISTING, {"status": "new"}).content.decode()
    assert "About self-care" in by_status and "About relapse" not in by_status
    by_search = editor.get(LISTING, {"q": "relapse"}).content.decode()
    assert "About relapse" in by_search and "About self-care" not in by_search


def test_translators_and_members_cannot_open_the_inbox(
    a_home_page, a_member, a_translator, django_capture_on_commit_callbacks
):
    make_blog(a_home_page)
    submit(a_member, capture=django_capture_on_commit_callbacks)
    question = QuestionSubmission.objects.get()
    translator = logged_in(a_translator)
    for url in (LISTING, f"{LISTING}edit/{question.pk}/", draft_url(question), decline_url(question)):
        response = translator.get(url)
        assert response.status_code in (302, 403), url
        assert A_QUESTION["question"] not in response.content.decode()
        assert logged_in(a_member).get(url).status_code == 302
        assert Client().get(url).status_code == 302
    translator.post(draft_url(question))
    translator.post(decline_url(question), {"message": "No"})
    question.refresh_from_db()
    assert question.status == "new"
    assert not QAPostPage.objects.exists()


def test_nobody_writes_a_question_in_the_admin(a_home_page, admin_client):
    assert admin_client.get(f"{LISTING}add/").status_code in (302, 403)
    assert not QuestionSubmission.objects.exists()


def test_a_member_sees_only_their_own_questions(a_home_page, a_member, make_user, django_capture_on_commit_callbacks):
    other = make_user("another-member", "Members")
    submit(other, {**A_QUESTION, "subject": "Someone else's worry"}, capture=django_capture_on_commit_callbacks)
    submit(a_member, capture=django_capture_on_commit_callbacks)
    page = logged_in(a_member).get("/blog/ask/").content.decode()
    assert A_QUESTION["subject"] in page
    assert "Someone else&#x27;s worry" not in page and "Someone else's worry" not in page
    exported = dict(data_export.items())["blog_questions"](a_member)
    assert [item["subject"] for item in exported] == [A_QUESTION["subject"]]
    assert exported[0]["status"] == "new"


def test_the_askers_profile_lists_the_posts_written_for_them_in_their_language(
    a_spanish_home_page, translate, english, make_user, a_member
):
    blog = make_blog(HomePage.objects.get(locale=english))
    translate(blog, BLOG_SPANISH)
    post = make_post(blog, 1, asker=a_member)
    make_post(blog, 2, asker=make_user("someone-else", "Members"))
    translate(post, post_spanish(1))
    section = dict(activity.items())["blog_posts"]
    assert [p.title for p in section(a_member, a_member)["items"]] == [post.title]
    with translation.override("es"):
        assert [p.title for p in section(a_member, None)["items"]] == ["Cómo empiezo a hablar de tratamiento 1"]
    assert section(make_user("no-posts", "Members"), None) is None


def test_the_inbox_permissions_come_from_the_editors_group():
    editors = Group.objects.get(name="Editors")
    assert set(editors.permissions.filter(content_type__app_label="blog").values_list("codename", flat=True)) >= {
        "view_questionsubmission",
        "change_questionsubmission",
    }


def test_the_listing_row_and_the_record_offer_the_same_next_steps(a_home_page, a_member, an_editor):
    make_blog(a_home_page)
    asked = {"member": a_member, "language": "en", "question": "How?", "relationship": "child"}
    public = QuestionSubmission.objects.create(subject="Public question", **asked)
    private = QuestionSubmission.objects.create(subject="Private question", private=True, **asked)
    editor = logged_in(an_editor)

    def steps(question):
        """The action links to the question's own inbox pages, in the listing and on its record."""
        own = f"/admin/blog/questions/{question.pk}/"
        listing = editor.get(LISTING).content.decode()
        record = editor.get(f"{LISTING}edit/{question.pk}/").content.decode()
        return [
            [url for url in re.findall(r'href="([^"]+)"', html) if url.startswith(own)] for html in (listing, record)
        ]

    assert steps(public) == [[draft_url(public), decline_url(public)]] * 2
    assert steps(private) == [[f"/admin/blog/questions/{private.pk}/answer-privately/", decline_url(private)]] * 2
    editor.post(draft_url(public))
    public.refresh_from_db()
    record = editor.get(f"{LISTING}edit/{public.pk}/").content.decode()
    assert "Edit the answer draft" in record and "Draft an answer" not in record
    QuestionSubmission.objects.filter(pk=public.pk).update(status="declined")
    assert steps(public) == [[], []]
