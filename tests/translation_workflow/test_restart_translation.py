""" "Start Synced translation" on a hand-edited Spanish page asks first, and the hand edits stay restorable."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import Translation

from cms.models import CrisisResource

from .conftest import MODULE_SPANISH, client_for

pytestmark = pytest.mark.django_db

HAND_WRITTEN = "Texto escrito a mano por el equipo, con ejemplos de nuestras familias."


@pytest.fixture
def a_hand_edited_spanish_module(a_module, a_reviewer, spanish, translate):
    """A Spanish module whose synced translation was stopped, then edited by hand and published."""
    spanish_module = translate(a_module, MODULE_SPANISH)
    Translation.objects.filter(source__object_id=a_module.translation_key, target_locale=spanish).update(enabled=False)
    spanish_module = Page.objects.get(pk=spanish_module.pk).specific
    spanish_module.intro = HAND_WRITTEN
    spanish_module.save_revision(user=a_reviewer).publish(user=a_reviewer)
    return Page.objects.get(pk=spanish_module.pk).specific


def translation_of(page):
    return Translation.objects.get(source__object_id=page.translation_key, target_locale_id=page.locale_id)


def test_starting_the_synced_translation_asks_first_and_changes_nothing_until_confirmed(
    a_hand_edited_spanish_module, a_reviewer
):
    page = a_hand_edited_spanish_module
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client = client_for(a_reviewer)
    response = client.post(edit_url, {"localize-restart-translation": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Start the synced translation again?" in html
    assert reverse("wagtailadmin_pages:history", args=[page.pk]) in html
    assert 'name="localize-restart-confirmed"' in html
    assert not translation_of(page).enabled
    assert Page.objects.get(pk=page.pk).specific.intro == HAND_WRITTEN

    response = client.post(edit_url, {"localize-restart-translation": "1", "localize-restart-confirmed": "1"})
    assert response.status_code == 302
    assert translation_of(page).enabled


def test_the_warning_is_in_spanish_in_a_spanish_admin(a_hand_edited_spanish_module, a_reviewer):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(a_reviewer)
    profile.preferred_language = "es"
    profile.save()
    edit_url = reverse("wagtailadmin_pages:edit", args=[a_hand_edited_spanish_module.pk])
    html = client_for(a_reviewer).post(edit_url, {"localize-restart-translation": ""}).content.decode()
    assert "¿Iniciar de nuevo la traducción sincronizada?" in html
    assert "Sí, iniciar la traducción sincronizada" in html


def test_the_hand_edited_revision_can_be_restored_after_the_sync_overwrote_it(
    a_hand_edited_spanish_module, a_reviewer, django_capture_on_commit_callbacks
):
    page = a_hand_edited_spanish_module
    hand_revision = page.latest_revision
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client = client_for(a_reviewer)
    client.post(edit_url, {"localize-restart-translation": "1", "localize-restart-confirmed": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url, {"action": "publish"})
    synced = Page.objects.get(pk=page.pk).specific
    assert synced.intro == MODULE_SPANISH["Calm words open doors that arguments close."], "the sync overwrote it"

    # The hand-written version is still in the history, and publishing it brings it back.
    assert synced.revisions.filter(pk=hand_revision.pk).exists()
    assert hand_revision.as_object().intro == HAND_WRITTEN
    Translation.objects.filter(pk=translation_of(page).pk).update(enabled=False)  # "Stop synced translation"
    revert = client.get(reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, hand_revision.pk]))
    assert revert.status_code == 200 and HAND_WRITTEN in revert.content.decode()
    hand_revision.publish(user=a_reviewer)
    assert Page.objects.get(pk=page.pk).specific.intro == HAND_WRITTEN


def test_a_snippet_translation_asks_first_too(a_translator, english, spanish, translate):
    resource = CrisisResource.objects.create(locale=english, name="Emergency services", contact="Call 911")
    spanish_resource = translate(
        resource, {"Emergency services": "Servicios de emergencia", "Call 911": "Llame al 911"}
    )
    Translation.objects.filter(pk=translation_of(spanish_resource).pk).update(enabled=False)
    url = reverse("wagtailsnippets_cms_crisisresource:edit", args=[spanish_resource.pk])
    response = client_for(a_translator).post(url, {"localize-restart-translation": ""})
    assert response.status_code == 200 and "Start the synced translation again?" in response.content.decode()
    assert not translation_of(spanish_resource).enabled
