"""Words readers rely on are reviewed too: a Spanish snippet goes live only when a Spanish reviewer
approves it, through the same workflow, emails and status report as pages."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail_localize.models import StringTranslation, TranslationSource

from cms.models import CrisisResource
from cms.roles import SPANISH_REVIEW as SPANISH_REVIEW_WORKFLOW
from translation_workflow.status import CHANGES_REQUESTED, IN_REVIEW, PUBLISHED, translation_statuses

from .conftest import client_for, is_refused

pytestmark = pytest.mark.django_db

RESOURCE_SPANISH = {"Emergency services": "Servicios de emergencia", "Call 911": "Llame al 911"}


@pytest.fixture
def a_spanish_crisis_resource(english, translate, translation_groups):
    resource = CrisisResource.objects.create(locale=english, name="Emergency services", contact="Call 911")
    return translate(resource, RESOURCE_SPANISH)


@pytest.fixture
def a_retranslated_crisis_line(a_spanish_crisis_resource, spanish):
    """The translator's new Spanish for the contact, saved in the translation editor (a string, not the row)."""
    string = StringTranslation.objects.get(locale=spanish, data="Llame al 911")
    string.data = "Llame o escriba al 911"
    string.save()
    return a_spanish_crisis_resource


def status_of(title):
    return next(row for row in translation_statuses() if row.title == title)


def edit_url(resource):
    return reverse("wagtailsnippets_cms_crisisresource:edit", args=[resource.pk])


def submit_url(resource):
    return reverse("translation_workflow:submit_snippet", args=["cms", "crisisresource", resource.pk])


def review_url(resource):
    return reverse("translation_workflow:review_snippet", args=["cms", "crisisresource", resource.pk])


def contact_of(resource):
    return CrisisResource.objects.get(pk=resource.pk).contact


def spanish_home_page_html():
    return Client().get("/es/").content.decode()


def test_only_translations_go_through_the_spanish_review(a_spanish_crisis_resource, english):
    english_resource = a_spanish_crisis_resource.get_translation(english)
    assert a_spanish_crisis_resource.get_workflow().name == SPANISH_REVIEW_WORKFLOW
    assert english_resource.get_workflow() is None


def test_a_translated_crisis_line_goes_live_only_when_a_spanish_reviewer_approves_it(
    a_retranslated_crisis_line, a_translator, a_reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    resource = a_retranslated_crisis_line
    translator = client_for(a_translator)
    assert "Submit for Spanish review" in translator.get(edit_url(resource)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(submit_url(resource))
    assert response.status_code == 302
    assert response["Location"] == edit_url(resource), "back to the translation editor"
    resource.refresh_from_db()
    assert resource.live and resource.has_unpublished_changes
    assert contact_of(resource) == "Llame al 911", "the reviewed text stays public until approval"
    assert "Llame o escriba al 911" not in spanish_home_page_html()
    assert WorkflowState.objects.active().for_instance(resource).get().status == WorkflowState.STATUS_IN_PROGRESS
    assert any(a_reviewer.email in mail.to for mail in mailoutbox), "the reviewers are emailed, as for pages"
    row = status_of("Emergency services")
    assert row.status == IN_REVIEW
    assert row.action_url == review_url(resource)

    reviewer = client_for(a_reviewer)
    comparison = reviewer.get(review_url(resource)).content.decode()
    assert "Call 911" in comparison and "Llame o escriba al 911" in comparison
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(review_url(resource), {"action": "approve"})
    assert response.status_code == 302
    assert contact_of(resource) == "Llame o escriba al 911"
    assert "Llame o escriba al 911" in spanish_home_page_html()
    assert any(a_translator.email in mail.to for mail in mailoutbox), "the translator hears the decision"
    assert status_of("Emergency services").status == PUBLISHED


def test_a_reviewer_sends_a_crisis_line_back_with_a_comment(
    a_retranslated_crisis_line, a_translator, a_reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    resource = a_retranslated_crisis_line
    client_for(a_translator).post(submit_url(resource))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(a_reviewer).post(
            review_url(resource), {"action": "reject", "comment": "El 911 no recibe mensajes en todo el país."}
        )
    assert contact_of(resource) == "Llame al 911"
    assert any(a_translator.email in mail.to and "mensajes en todo el país" in mail.body for mail in mailoutbox)
    assert status_of("Emergency services").status == CHANGES_REQUESTED
    editor = client_for(a_translator).get(edit_url(resource)).content.decode()
    assert "mensajes en todo el país" in editor
    assert "Resubmit for Spanish review" in editor


def test_a_translator_cannot_publish_a_spanish_snippet_and_a_new_one_stays_a_draft(
    a_spanish_crisis_resource, a_translator, spanish
):
    translator = client_for(a_translator)
    response = translator.post(edit_url(a_spanish_crisis_resource), {"action": "publish"}, follow=True)
    assert "Only a Spanish reviewer can publish this" in response.content.decode()

    add = reverse("wagtailsnippets_cms_crisisresource:add") + "?locale=es"
    form = {"name": "Nueva línea", "contact": "Sin revisar", "url": "", "sort_order": "0"}
    assert translator.post(add, {**form, "action-publish": "action-publish"}, follow=True).status_code == 200
    assert not CrisisResource.objects.filter(contact="Sin revisar", live=True).exists()
    translator.post(add, form)
    draft = CrisisResource.objects.get(contact="Sin revisar")
    assert not draft.live
    assert "Sin revisar" not in spanish_home_page_html()


def test_an_english_editor_still_publishes_english_snippets_at_once(
    admin_client, english, a_home_page, translation_groups
):
    add = reverse("wagtailsnippets_cms_crisisresource:add")
    form = {"name": "Poison control", "contact": "Call 1-800-222-1222", "url": "", "sort_order": "1"}
    response = admin_client.post(add, {**form, "action-publish": "action-publish"})
    assert response.status_code == 302
    resource = CrisisResource.objects.get(name="Poison control")
    assert resource.live and resource.locale == english
    assert not WorkflowState.objects.for_instance(resource).exists()
    assert "Call 1-800-222-1222" in Client().get("/").content.decode()


def test_syncing_a_snippet_and_publishing_the_spanish_at_once_is_for_reviewers(
    a_spanish_crisis_resource, a_translator, a_reviewer, english
):
    english_resource = CrisisResource.objects.get(
        translation_key=a_spanish_crisis_resource.translation_key, locale=english
    )
    english_resource.name = "Emergency services (US)"
    english_resource.save()
    source = TranslationSource.objects.get(object_id=english_resource.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])

    assert is_refused(client_for(a_translator).post(url, {"publish_translations": "on"}))
    assert CrisisResource.objects.get(pk=a_spanish_crisis_resource.pk).name == "Servicios de emergencia"
    assert client_for(a_reviewer).post(url, {"publish_translations": "on"}).status_code == 302
