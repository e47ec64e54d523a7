"""Every role against every action: per-page checks that wagtail-localize leaves to a global permission."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from blog.models import Topic
from cms.models import CrisisResource
from comments.models import CommentPolicy, SafetyTerm
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


# --- Outsiders: the global permission alone opens nothing -----------------------------------------


@pytest.fixture
def an_outsider(make_user, translation_groups):
    """Staff with admin access and wagtail-localize's global permission, but no page or snippet rights."""
    outsider = make_user("outsider", "Outsiders")
    outsider.groups.get().permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="submit_translation")
    )
    return outsider


def snippet_submit_url(snippet):
    meta = snippet._meta
    return reverse("wagtail_localize:submit_snippet_translation", args=[meta.app_label, meta.model_name, snippet.pk])


def test_a_user_who_may_not_edit_the_spanish_page_cannot_submit_it_for_review(
    a_module, an_outsider, translate, django_capture_on_commit_callbacks
):
    spanish_module = translate(a_module, MODULE_SPANISH, publish=False)
    url = reverse("translation_workflow:submit_for_review", args=[spanish_module.pk])
    client = client_for(an_outsider)
    assert is_refused(client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        assert is_refused(client.post(url))
    assert not WorkflowState.objects.for_instance(spanish_module).exists()
    assert not Page.objects.get(pk=spanish_module.pk).live


@pytest.mark.parametrize("kind", ["crisis resource", "topic"])
def test_an_outsider_cannot_start_a_snippet_translation_but_a_translator_can(
    kind, an_outsider, a_translator, english, spanish
):
    if kind == "topic":
        snippet = Topic.objects.create(locale=english, name="Self-care", slug="self-care")
    else:
        snippet = CrisisResource.objects.create(locale=english, name="Emergency services", contact="Call 911")
    assert is_refused(client_for(an_outsider).get(snippet_submit_url(snippet)))
    assert is_refused(client_for(an_outsider).post(snippet_submit_url(snippet), {"locales": [spanish.pk]}))
    assert not type(snippet).objects.filter(translation_key=snippet.translation_key, locale=spanish).exists()

    response = client_for(a_translator).post(snippet_submit_url(snippet), {"locales": [spanish.pk]})
    assert response.status_code == 302
    assert type(snippet).objects.filter(translation_key=snippet.translation_key, locale=spanish).exists()


def test_an_outsider_can_neither_machine_translate_nor_download_the_po_file(a_module, an_outsider, translate, spanish):
    translate(a_module, MODULE_SPANISH, publish=False)
    translation = Translation.objects.get(source__object_id=a_module.translation_key, target_locale=spanish)
    StringTranslation.objects.filter(locale=spanish, context__object_id=a_module.translation_key).delete()
    client = client_for(an_outsider)
    assert is_refused(client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk])))
    assert not StringTranslation.objects.filter(locale=spanish, context__object_id=a_module.translation_key).exists()
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert is_refused(response)
    assert "msgid" not in response.content.decode()


# --- Translators and the comment rules ------------------------------------------------------------


def test_translators_never_reach_comment_moderation_members_or_questions(a_translator):
    client = client_for(a_translator)
    assert is_refused(client.get(reverse("comments_moderation:queue")))
    approve = reverse("wagtail_bulk_action", args=["django_comments_xtd", "xtdcomment", "approve"])
    assert is_refused(client.post(approve + "?id=1"))
    assert is_refused(client.get(reverse("member_profiles:index")))
    assert is_refused(client.get(reverse("wagtailsnippets_blog_questionsubmission:list")))
    assert not a_translator.has_perm("django_comments.can_moderate")


def test_translators_translate_the_safety_terms_but_never_change_them_directly(
    a_translator, translate, spanish, english
):
    term = SafetyTerm.objects.create(locale=english, term="suicide")
    spanish_term = translate(term, {"suicide": "suicidio"})
    own_term = SafetyTerm.objects.create(locale=spanish, term="quitarme la vida")
    client = client_for(a_translator)

    edit = reverse("wagtailsnippets_comments_safetyterm:edit", args=[spanish_term.pk])
    assert client.get(edit).status_code == 200, "the translation editor of a translated term"
    own_edit = reverse("wagtailsnippets_comments_safetyterm:edit", args=[own_term.pk])
    assert is_refused(client.get(own_edit))
    assert is_refused(client.post(own_edit, {"term": "nada"}))
    assert SafetyTerm.objects.get(pk=own_term.pk).term == "quitarme la vida"
    add = reverse("wagtailsnippets_comments_safetyterm:add") + "?locale=es"
    assert is_refused(client.post(add, {"term": "nada"}))
    assert not SafetyTerm.objects.filter(term="nada").exists()


def test_translators_translate_the_comment_policy(a_translator, translate, english, spanish):
    policy = CommentPolicy.objects.create(
        locale=english, title="House rules", summary="Be kind.", body="Speak about yourself."
    )
    response = client_for(a_translator).post(snippet_submit_url(policy), {"locales": [spanish.pk]})
    assert response.status_code == 302
    spanish_policy = CommentPolicy.objects.get(translation_key=policy.translation_key, locale=spanish)
    edit = reverse("wagtailsnippets_comments_commentpolicy:edit", args=[spanish_policy.pk])
    assert client_for(a_translator).get(edit).status_code == 200
