"""Editors and clinical reviewers next to the translation roles: nobody publishes Spanish unreviewed."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.models import TranslationSource

from cms.roles import CLINICAL_REVIEWERS, EDITORS, SPANISH_REVIEWERS, apply_roles

from .conftest import MODULE_SPANISH, client_for, is_refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_clinical_reviewer(make_user, translation_groups):
    return make_user("clinician", CLINICAL_REVIEWERS)


@pytest.fixture
def an_editor_with_translations(make_user, translation_groups):
    return make_user("editor", EDITORS)


def english_edit_data(page, **changes):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "body": streamfield([]),
            "comments": inline_formset([]),
            **changes,
        }
    )


def publish_in_spanish(client, spanish_page):
    """The translation editor's only page action, "Publish in Spanish"."""
    return client.post(reverse("wagtailadmin_pages:edit", args=[spanish_page.pk]), {"action": "publish"})


def test_only_the_reviewers_hold_publish_permission_in_the_spanish_tree(a_module, translation_groups):
    spanish_tree = Page.objects.filter(depth__gte=1).exclude(locale__language_code="en")
    publishers = set(
        GroupPagePermission.objects.filter(
            permission__codename="publish_page", page__in=[Page.get_first_root_node(), *spanish_tree]
        ).values_list("group__name", flat=True)
    )
    assert publishers == {SPANISH_REVIEWERS}
    reviewers = Group.objects.get(name=CLINICAL_REVIEWERS)
    assert GroupPagePermission.objects.filter(
        group=reviewers, permission__codename="publish_page", page__depth=2, page__locale__language_code="en"
    ).exists(), "clinical reviewers publish English pages"


def test_setting_the_groups_up_again_changes_nothing(a_module, translation_groups):
    before = set(GroupPagePermission.objects.values_list("group_id", "page_id", "permission_id"))
    apply_roles()
    assert set(GroupPagePermission.objects.values_list("group_id", "page_id", "permission_id")) == before


def test_a_clinical_reviewer_publishes_english_pages_but_cannot_publish_a_spanish_one(
    a_module, a_clinical_reviewer, translate, django_capture_on_commit_callbacks
):
    spanish_module = translate(a_module, MODULE_SPANISH, publish=False)
    client = client_for(a_clinical_reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        response = publish_in_spanish(client, spanish_module)
    assert is_refused(response)
    assert not Page.objects.get(pk=spanish_module.pk).live
    assert not spanish_module.permissions_for_user(a_clinical_reviewer).can_publish()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[a_module.pk]),
            english_edit_data(a_module, title="Talking without blaming", **{"action-publish": "publish"}),
        )
    assert response.status_code == 302
    assert Page.objects.get(pk=a_module.pk).title == "Talking without blaming"


def test_a_clinical_reviewer_cannot_sync_and_publish_spanish_pages(a_module, a_clinical_reviewer, translate):
    spanish_module = translate(a_module, MODULE_SPANISH)
    a_module.title = "Talking without blaming"
    a_module.save_revision().publish()
    source = TranslationSource.objects.get(object_id=a_module.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert is_refused(client_for(a_clinical_reviewer).post(url, {"publish_translations": "on"}))
    assert Page.objects.get(pk=spanish_module.pk).title == "Hablar sin culpar"


def test_a_clinical_reviewer_cannot_publish_a_spanish_page_with_a_bulk_action(
    a_module, a_clinical_reviewer, translate, django_capture_on_commit_callbacks
):
    spanish_module = translate(a_module, MODULE_SPANISH, publish=False)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={spanish_module.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        client_for(a_clinical_reviewer).post(url)
    assert not Page.objects.get(pk=spanish_module.pk).live


def test_an_editor_starts_translations_of_english_pages_but_cannot_publish_spanish_ones(
    a_module, an_editor_with_translations, spanish, django_capture_on_commit_callbacks
):
    client = client_for(an_editor_with_translations)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[a_module.pk]), {"locales": [spanish.pk]}
        )
    assert response.status_code == 302
    spanish_module = a_module.get_translation(spanish)
    with django_capture_on_commit_callbacks(execute=True):
        publish_in_spanish(client, spanish_module)
    assert not Page.objects.get(pk=spanish_module.pk).live
    # A page of an English section other than the course: editors publish it themselves (cms.roles).
    assert a_module.permissions_for_user(an_editor_with_translations).can_publish()


def test_a_reviewer_cannot_edit_english_pages(a_module, a_reviewer):
    client = client_for(a_reviewer)
    assert is_refused(client.get(reverse("wagtailadmin_pages:edit", args=[a_module.pk])))
    client.post(
        reverse("wagtailadmin_pages:edit", args=[a_module.pk]),
        english_edit_data(a_module, title="Changed by a reviewer", **{"action-publish": "publish"}),
    )
    assert Page.objects.get(pk=a_module.pk).title == "Talking without blame"
