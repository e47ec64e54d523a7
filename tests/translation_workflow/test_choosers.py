"""Choosers and admin APIs answer each role only what its permissions allow (issue 14).

Wagtail guards its listings but not its snippet choosers, and its page chooser lists every page;
wagtail-localize's snippet API lists every row. Each URL is tried by every role.
"""

import pytest
from django.test import Client
from django.urls import reverse

from blog.models import QuestionSubmission
from home.models import StandardPage

from .conftest import client_for, is_refused

pytestmark = pytest.mark.django_db

DECLINED_SUBJECT = "My son relapsed after rehab"
DRAFT_TITLE = "Draft: money and boundaries"

ADMIN_ROLES = ["translator", "reviewer", "editor", "superuser"]
MAY_READ_QUESTIONS = {"editor", "superuser"}
MAY_SEE_ENGLISH_DRAFTS = {"editor", "superuser"}


@pytest.fixture
def a_declined_question(make_user):
    member = make_user("steady_oak", "Members")
    return QuestionSubmission.objects.create(
        member=member,
        language="en",
        subject=DECLINED_SUBJECT,
        question="He was doing so well. How do I respond without anger?",
        relationship="child",
        status=QuestionSubmission.Status.DECLINED,
    )


@pytest.fixture
def an_english_draft(a_home_page):
    draft = a_home_page.add_child(instance=StandardPage(title=DRAFT_TITLE, slug="money-draft", intro="…", live=False))
    draft.save_revision()
    return draft


@pytest.fixture
def clients(a_translator, a_reviewer, an_editor, admin_user, make_user):
    superuser = Client()
    superuser.force_login(admin_user)
    return {
        "translator": client_for(a_translator),
        "reviewer": client_for(a_reviewer),
        "editor": client_for(an_editor),
        "superuser": superuser,
        "member": client_for(make_user("luz_del_sur", "Members")),
        "anonymous": Client(),
    }


def question_urls(question):
    choose = "/admin/snippets/choose/blog/questionsubmission/"
    return [
        choose,
        f"{choose}results/?q=relapsed",
        f"{choose}chosen/{question.pk}/",
        f"{choose}chosen-multiple/?id={question.pk}",
        "/admin/localize/api/snippets/blog/questionsubmission/",
        f"/admin/localize/api/snippets/blog/questionsubmission/{question.pk}/",
    ]


def answers_as_allowed(role, response):
    if role in MAY_READ_QUESTIONS:
        return response.status_code == 200 and DECLINED_SUBJECT in response.content.decode()
    if role in ("member", "anonymous"):
        return response.status_code == 302 and "/admin/login/" in response["Location"]
    return is_refused(response) and DECLINED_SUBJECT not in response.content.decode()


@pytest.mark.parametrize("role", [*ADMIN_ROLES, "member", "anonymous"])
def test_member_questions_reach_through_choosers_and_apis_only_those_who_may_read_them(
    role, clients, a_declined_question
):
    wrong = [url for url in question_urls(a_declined_question) if not answers_as_allowed(role, clients[role].get(url))]
    assert wrong == []


def test_translators_still_choose_the_snippets_they_translate(clients, english):
    from blog.models import Topic

    Topic.objects.create(locale=english, name="Self-care", slug="self-care")
    for role in ("translator", "reviewer"):
        response = clients[role].get("/admin/snippets/choose/blog/topic/")
        assert response.status_code == 200 and "Self-care" in response.content.decode(), role
        assert clients[role].get("/admin/localize/api/snippets/blog/topic/").status_code == 200, role


@pytest.mark.parametrize("role", ADMIN_ROLES)
def test_the_page_chooser_shows_english_drafts_only_to_those_who_may_edit_them(
    role, clients, a_home_page, an_english_draft, a_module
):
    client = clients[role]
    may_see = role in MAY_SEE_ENGLISH_DRAFTS
    listing = client.get(reverse("wagtailadmin_choose_page_child", args=[a_home_page.pk]))
    assert listing.status_code == 200
    assert "Talking without blame" in listing.content.decode(), "published pages are choosable by everyone"
    search = client.get(reverse("wagtailadmin_choose_page_search") + "?q=money")
    multiple = client.get(reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={an_english_draft.pk}")
    inside = client.get(reverse("wagtailadmin_choose_page_child", args=[an_english_draft.pk]))
    api = client.get(f"/admin/api/main/pages/?child_of={a_home_page.pk}")
    shown = {
        name: DRAFT_TITLE in response.content.decode()
        for name, response in {"listing": listing, "search": search, "chosen": multiple, "admin api": api}.items()
    }
    assert shown == dict.fromkeys(shown, may_see)
    assert inside.status_code == (200 if may_see else 404)


@pytest.fixture
def an_image_a_document_and_a_media_file(settings, tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.images.tests.utils import get_test_image_file

    from cms.models import CreditedImage
    from tests.blog.factories import make_audio

    settings.MEDIA_ROOT = str(tmp_path)
    return {
        "images": CreditedImage.objects.create(title="Family photo upload", file=get_test_image_file()),
        "documents": get_document_model().objects.create(
            title="Staff safety plan", file=ContentFile(b"plan", name="plan.txt")
        ),
        "media": make_audio(title="Unreleased interview"),
    }


CHOOSABLE_KINDS = {
    # Translators see the pictures of what they translate (wagtail-localize's editor shows each one,
    # and may swap it); documents and recordings stay with the staff who publish them.
    "translator": {"images"},
    "editor": {"images", "documents"},  # Wagtail's Editors group: images and documents of every collection
    "superuser": {"images", "documents", "media"},
}


@pytest.mark.parametrize("role", CHOOSABLE_KINDS)
def test_image_document_and_media_choosers_answer_only_what_the_user_may_choose(
    role, clients, an_image_a_document_and_a_media_file
):
    items = an_image_a_document_and_a_media_file
    urls = {
        f"/admin/images/chooser/chosen/{items['images'].pk}/": "images",
        f"/admin/images/chooser/chosen-multiple/?id={items['images'].pk}": "images",
        f"/admin/documents/chooser/chosen/{items['documents'].pk}/": "documents",
        f"/admin/documents/chooser/chosen-multiple/?id={items['documents'].pk}": "documents",
        f"/admin/media/chooser/{items['media'].pk}/": "media",
        # The admin API wagtail-localize's translation editor reads an image segment from.
        f"/admin/api/main/images/{items['images'].pk}/": "images",
    }
    shown = {url: items[kind].title in clients[role].get(url).content.decode() for url, kind in urls.items()}
    assert shown == {url: kind in CHOOSABLE_KINDS[role] for url, kind in urls.items()}


def test_the_translation_editor_reads_a_members_only_picture_that_members_and_strangers_cannot(
    clients, settings, tmp_path
):
    """A module's picture lives in the members-only collection; Wagtail's admin API answered 404 for
    it to staff outside the Members group, which left wagtail-localize's editor blank."""
    from wagtail.images.tests.utils import get_test_image_file

    from cms.models import CreditedImage
    from learning.models.pages import ensure_members_only_collection

    settings.MEDIA_ROOT = str(tmp_path)
    collection = ensure_members_only_collection("Course pictures")
    picture = CreditedImage.objects.create(title="Module hero", file=get_test_image_file(), collection=collection)
    url = f"/admin/api/main/images/{picture.pk}/"
    for role in ("translator", "reviewer", "editor"):
        response = clients[role].get(url)
        assert response.status_code == 200 and response.json()["title"] == "Module hero", role
    for role in ("member", "anonymous"):
        response = clients[role].get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], role
