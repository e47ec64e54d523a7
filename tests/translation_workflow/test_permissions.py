"""Every role against every action: per-page checks that wagtail-localize leaves to a global permission."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from cms.models import CrisisResource
from translation_workflow.groups import TRANSLATORS

from .conftest import MODULE_SPANISH, client_for, is_refused

pytestmark = pytest.mark.django_db


def submit_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def test_wagtail_localize_urls_are_served_by_the_guarded_views(a_module):
    from django.urls import resolve

    from translation_workflow import views

    assert resolve(submit_url(a_module)).func.view_class is views.GuardedSubmitPageTranslationView
    source_url = reverse("wagtail_localize:update_translations", args=[1])
    assert resolve(source_url).func.view_class is views.GuardedUpdateTranslationsView
    assert (
        resolve(reverse("wagtail_localize:upload_pofile", args=[1]))._func_path
        == "translation_workflow.views.upload_pofile"
    )
    assert (
        resolve(reverse("wagtail_localize:machine_translate", args=[1]))._func_path
        == "translation_workflow.views.machine_translate"
    )


def test_a_user_with_only_the_global_permission_cannot_start_a_translation(
    a_module, make_user, spanish, translation_groups
):
    outsider = make_user("outsider", "Outsiders")
    outsider.groups.get().permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="submit_translation")
    )
    client = client_for(outsider)
    assert is_refused(client.get(submit_url(a_module)))
    assert is_refused(client.post(submit_url(a_module), {"locales": [spanish.pk]}))
    assert a_module.get_translation_or_none(spanish) is None


def test_a_translator_may_start_translations_in_the_spanish_tree_only(a_module, a_translator, spanish, translate):
    client = client_for(a_translator)
    assert client.get(submit_url(a_module)).status_code == 200
    segment = a_module.get_children().first()
    assert is_refused(client.get(submit_url(segment))), "its Spanish parent does not exist yet"
    translate(a_module, MODULE_SPANISH)
    assert client.get(submit_url(segment)).status_code == 200


def test_a_translator_cannot_edit_publish_or_delete_english_pages(a_module, a_translator):
    client = client_for(a_translator)
    for name in ("edit", "delete", "unpublish"):
        response = client.get(reverse(f"wagtailadmin_pages:{name}", args=[a_module.pk]))
        assert is_refused(response), name
    client.post(reverse("wagtailadmin_pages:edit", args=[a_module.pk]), {"title": "Changed", "action-publish": "1"})
    assert Page.objects.get(pk=a_module.pk).title == "Talking without blame"


def test_a_translator_cannot_publish_a_spanish_page_but_a_reviewer_can(
    a_module, a_translator, a_reviewer, spanish, translate, django_capture_on_commit_callbacks
):
    spanish_module = translate(a_module, MODULE_SPANISH, publish=False)
    edit_url = reverse("wagtailadmin_pages:edit", args=[spanish_module.pk])
    client_for(a_translator).post(edit_url, {"action": "publish"})
    assert not Page.objects.get(pk=spanish_module.pk).live
    with django_capture_on_commit_callbacks(execute=True):
        client_for(a_reviewer).post(edit_url, {"action": "publish"})
    assert Page.objects.get(pk=spanish_module.pk).live


def test_syncing_and_publishing_on_sync_need_permission_on_the_translations(
    a_module, a_translator, a_reviewer, make_user, translate, translation_groups
):
    translate(a_module, MODULE_SPANISH)
    source = TranslationSource.objects.get(object_id=a_module.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    outsider = make_user("outsider", "Outsiders")
    outsider.groups.get().permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="submit_translation")
    )
    assert is_refused(client_for(outsider).get(url))
    translator = client_for(a_translator)
    assert translator.get(url).status_code == 200
    assert is_refused(translator.post(url, {"publish_translations": "on"})), "publishing is for reviewers"
    assert translator.post(url, {}).status_code == 302
    assert client_for(a_reviewer).post(url, {"publish_translations": "on"}).status_code == 302


def test_only_reviewers_may_approve(a_module, a_translator, a_reviewer, translate, django_capture_on_commit_callbacks):
    spanish_module = translate(a_module, MODULE_SPANISH, publish=False)
    translator = client_for(a_translator)
    with django_capture_on_commit_callbacks(execute=True):
        translator.post(reverse("translation_workflow:submit_for_review", args=[spanish_module.pk]))
    review_url = reverse("translation_workflow:review", args=[spanish_module.pk])
    assert is_refused(translator.post(review_url, {"action": "approve"}))
    assert not Page.objects.get(pk=spanish_module.pk).live
    assert client_for(a_reviewer).get(review_url).status_code == 200


def test_anonymous_visitors_reach_none_of_the_workflow(client, a_module, a_spanish_home_page):
    for url in (
        reverse("translation_workflow:status_report"),
        reverse("translation_workflow:review", args=[a_spanish_home_page.pk]),
        reverse("translation_workflow:submit_for_review", args=[a_spanish_home_page.pk]),
        submit_url(a_module),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_translators_cannot_see_members_or_comment_moderation(a_translator):
    client = client_for(a_translator)
    assert is_refused(client.get(reverse("wagtailusers_users:index")))
    assert client.get("/django-admin/").status_code == 302, "the Django admin (comment moderation) is staff-only"
    assert not a_translator.is_staff
    group = Group.objects.get(name=TRANSLATORS)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert not {code for code in codenames if code.startswith(("delete_", "view_user", "change_user"))}


def test_translators_change_spanish_snippets_but_not_english_ones(a_translator, translate, spanish, english):
    resource = CrisisResource.objects.create(locale=english, name="Emergency services", contact="Call 911")
    spanish_resource = translate(
        resource, {"Emergency services": "Servicios de emergencia", "Call 911": "Llame al 911"}
    )
    client = client_for(a_translator)
    assert client.get(reverse("wagtailsnippets_cms_crisisresource:edit", args=[spanish_resource.pk])).status_code == 200
    assert is_refused(client.get(reverse("wagtailsnippets_cms_crisisresource:edit", args=[resource.pk])))
    assert is_refused(client.get(reverse("wagtailsnippets_cms_crisisresource:delete", args=[spanish_resource.pk])))
    assert is_refused(client.get(reverse("wagtailsnippets_cms_crisisresource:add")))
