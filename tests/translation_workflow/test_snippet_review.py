"""Snippets without draft state are live once saved: in Spanish only a reviewer saves them."""

import pytest
from django.urls import reverse
from wagtail_localize.models import StringTranslation, TranslationSource

from cms.models import CrisisResource
from translation_workflow.status import IN_REVIEW, PUBLISHED, translation_statuses

from .conftest import client_for, is_refused

pytestmark = pytest.mark.django_db

RESOURCE_SPANISH = {"Emergency services": "Servicios de emergencia", "Call 911": "Llame al 911"}


@pytest.fixture
def a_spanish_crisis_resource(english, translate, translation_groups):
    resource = CrisisResource.objects.create(locale=english, name="Emergency services", contact="Call 911")
    return translate(resource, RESOURCE_SPANISH)


def status_of(title):
    return next(row for row in translation_statuses() if row.title == title)


def edit_url(resource):
    return reverse("wagtailsnippets_cms_crisisresource:edit", args=[resource.pk])


def contact_of(resource):
    return CrisisResource.objects.get(pk=resource.pk).contact


def test_a_translator_saves_strings_but_only_a_reviewer_publishes_a_spanish_snippet(
    a_spanish_crisis_resource, a_translator, a_reviewer, spanish
):
    resource = a_spanish_crisis_resource
    assert status_of("Emergency services").status == PUBLISHED
    # The translator's edit in the translation editor is saved as a string, not on the snippet.
    string = StringTranslation.objects.get(locale=spanish, data="Llame al 911")
    string.data = "Llame o escriba al 911"
    string.save()
    row = status_of("Emergency services")
    assert row.status == IN_REVIEW, "translated, waiting for a reviewer to publish it"
    assert row.action_url == edit_url(resource)
    translator = client_for(a_translator)
    assert translator.get(edit_url(resource)).status_code == 200

    response = translator.post(edit_url(resource), {"action": "publish"}, follow=True)
    assert "Only a Spanish reviewer can publish this" in response.content.decode()
    assert contact_of(resource) == "Llame al 911"

    client_for(a_reviewer).post(edit_url(resource), {"action": "publish"})
    assert contact_of(resource) == "Llame o escriba al 911"
    assert status_of("Emergency services").status == PUBLISHED


def test_a_translator_cannot_save_a_spanish_snippet_with_the_plain_form(a_translator, spanish, translation_groups):
    resource = CrisisResource.objects.create(locale=spanish, name="Línea de ayuda", contact="Llame al 988")
    translator = client_for(a_translator)
    translator.post(
        edit_url(resource), {"name": "Línea de ayuda", "contact": "Sin revisar", "url": "", "sort_order": "0"}
    )
    assert contact_of(resource) == "Llame al 988"
    add = reverse("wagtailsnippets_cms_crisisresource:add") + "?locale=es"
    translator.post(add, {"name": "Nueva línea", "contact": "Sin revisar", "url": "", "sort_order": "0"})
    assert not CrisisResource.objects.filter(contact="Sin revisar").exists()


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
