"""The whole journey: translate a module's subtree, machine drafts, PO round trip, review, publish,
then the English changes and the sync keeps what was translated."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from translation_workflow.status import OUTDATED, PUBLISHED, translation_statuses

from .conftest import MODULE_SPANISH, client_for, publish

pytestmark = pytest.mark.django_db


def status_of(title):
    return next(row for row in translation_statuses() if row.title == title)


def test_translator_and_reviewer_take_a_module_from_english_to_live_spanish(
    a_module, a_translator, a_reviewer, spanish, client, mailoutbox, django_capture_on_commit_callbacks
):
    translator = client_for(a_translator)
    reviewer = client_for(a_reviewer)

    # 1. The translator starts the translation of the module and its segments.
    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(
            reverse("wagtail_localize:submit_page_translation", args=[a_module.pk]),
            {"locales": [spanish.pk], "include_subtree": "on"},
        )
    assert response.status_code == 302
    spanish_module = a_module.get_translation(spanish)
    assert not spanish_module.live, "a new translation is a draft until reviewed"
    assert spanish_module.get_children().count() == 2
    assert Page.objects.get(pk=spanish_module.pk).numchild == 2, "children are reachable in the tree"

    # 2. Machine translation drafts every string (the dummy translator reverses word order).
    translation = Translation.objects.get(source__object_id=a_module.translation_key, target_locale=spanish)
    edit_url = reverse("wagtailadmin_pages:edit", args=[spanish_module.pk])
    response = translator.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": edit_url})
    assert response.status_code == 302
    total, translated = translation.get_progress()
    assert total == translated == 3
    assert StringTranslation.objects.filter(
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE, locale=spanish
    ).exists()

    # 3. The PO file round trip replaces the machine drafts with human Spanish.
    po = polib.pofile(
        translator.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])).content.decode()
    )
    for entry in po:
        entry.msgstr = MODULE_SPANISH[entry.msgid]
    upload = _po_upload(po)
    response = translator.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": edit_url},
        follow=True,
    )
    assert "Every string is translated" in response.content.decode()

    # 4. Submit for review: the reviewers are emailed, nothing is public yet.
    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(reverse("translation_workflow:submit_for_review", args=[spanish_module.pk]))
    assert response.status_code == 302
    assert WorkflowState.objects.active().for_instance(spanish_module).get().status == "in_progress"
    assert any(a_reviewer.email in mail.to for mail in mailoutbox)
    assert client.get("/es/hablar-sin-culpar/").status_code == 404
    assert status_of("Talking without blame").status == "in_review"

    # 5. The reviewer sees both languages side by side, then approves: the page is live.
    review_url = reverse("translation_workflow:review", args=[spanish_module.pk])
    page = reviewer.get(review_url).content.decode()
    assert "Calm words open doors" in page and "Las palabras tranquilas" in page
    for side in ("english", "spanish"):
        preview = reviewer.get(reverse("translation_workflow:review_preview", args=[spanish_module.pk, side]))
        assert preview.status_code == 200
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(review_url, {"action": "approve", "comment": ""})
    assert response.status_code == 302
    live = client.get("/es/hablar-sin-culpar/")
    assert live.status_code == 200
    assert "Las palabras tranquilas abren puertas" in live.content.decode()
    assert any(a_translator.email in mail.to for mail in mailoutbox), "the translator hears the decision"
    assert status_of("Talking without blame").status == PUBLISHED

    # 6. The English changes and is published again: the Spanish is outdated.
    a_module.intro = "Calm words open doors that arguments close. Start small."
    publish(a_module)
    row = status_of("Talking without blame")
    assert row.status == OUTDATED
    assert row.outdated_since == Page.objects.get(pk=a_module.pk).last_published_at

    # 7. Syncing keeps every translated string and marks the new one as untranslated.
    source = TranslationSource.objects.get(object_id=a_module.translation_key)
    response = translator.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})
    assert response.status_code == 302
    total, translated = translation.get_progress()
    assert (total, translated) == (3, 2)
    assert StringTranslation.objects.filter(data="Hablar sin culpar", locale=spanish).exists()


def test_a_rejected_translation_goes_back_to_the_translator_with_the_comment(
    a_module, a_translator, a_reviewer, spanish, translate, mailoutbox, django_capture_on_commit_callbacks
):
    spanish_module = translate(a_module, MODULE_SPANISH, publish=False)
    translator, reviewer = client_for(a_translator), client_for(a_reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        translator.post(reverse("translation_workflow:submit_for_review", args=[spanish_module.pk]))
    review_url = reverse("translation_workflow:review", args=[spanish_module.pk])

    response = reviewer.post(review_url, {"action": "reject", "comment": "  "})
    assert response.status_code == 200
    assert "Say what needs to change" in response.content.decode()

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reviewer.post(review_url, {"action": "reject", "comment": "Use 'ser querido' in the title."})
    state = WorkflowState.objects.active().for_instance(spanish_module).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert any(a_translator.email in mail.to and "ser querido" in mail.body for mail in mailoutbox)
    assert not Page.objects.get(pk=spanish_module.pk).live

    editor = translator.get(reverse("wagtailadmin_pages:edit", args=[spanish_module.pk])).content.decode()
    assert "ser querido" in editor, "the translation editor shows the reviewer's comment"

    with django_capture_on_commit_callbacks(execute=True):
        translator.post(reverse("translation_workflow:submit_for_review", args=[spanish_module.pk]))
    assert WorkflowState.objects.active().for_instance(spanish_module).get().status == "in_progress"


def test_approving_a_change_to_a_live_spanish_page_keeps_the_old_text_public_until_approval(
    a_module, a_translator, a_reviewer, spanish, translate, client, django_capture_on_commit_callbacks
):
    spanish_module = translate(a_module, MODULE_SPANISH)
    assert client.get("/es/hablar-sin-culpar/").status_code == 200
    StringTranslation.objects.filter(data=MODULE_SPANISH["Calm words open doors that arguments close."]).update(
        data="Un borrador que nadie ha revisado."
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_for(a_translator).post(reverse("translation_workflow:submit_for_review", args=[spanish_module.pk]))
    assert "borrador" not in client.get("/es/hablar-sin-culpar/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(a_reviewer).post(
            reverse("translation_workflow:review", args=[spanish_module.pk]), {"action": "approve"}
        )
    assert "Un borrador que nadie ha revisado." in client.get("/es/hablar-sin-culpar/").content.decode()


def _po_upload(po):
    return SimpleUploadedFile("module-es.po", str(po).encode(), content_type="text/x-gettext-translation")


def test_the_side_by_side_previews_may_be_framed_by_the_admin(a_module, a_reviewer, translate):
    spanish_module = translate(a_module, MODULE_SPANISH)
    reviewer = client_for(a_reviewer)
    for side in ("english", "spanish"):
        response = reviewer.get(reverse("translation_workflow:review_preview", args=[spanish_module.pk, side]))
        assert response.status_code == 200
        assert "frame-ancestors 'self'" in response["Content-Security-Policy"], side
