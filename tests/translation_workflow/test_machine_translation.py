"""Machine translation never receives member-written text."""

import pytest
from django.apps import apps
from django.core import checks
from wagtail.models import TranslatableMixin
from wagtail_localize.models import Translation, TranslationSource

from home.models import StandardPage
from translation_workflow.checks import member_written_text_is_never_translatable
from translation_workflow.machine import segments_for_machine

pytestmark = pytest.mark.django_db


def test_no_comment_question_or_journal_model_is_translatable():
    for label in ("django_comments_xtd.XtdComment", "django_comments.Comment"):
        assert not issubclass(apps.get_model(label), TranslatableMixin), label
    member_models = [model for model in apps.get_models() if getattr(model, "member_written", False)]
    assert not [model for model in member_models if issubclass(model, TranslatableMixin)]


def test_the_system_check_refuses_a_translatable_model_that_declares_member_text(monkeypatch):
    monkeypatch.setattr(StandardPage, "member_written", True, raising=False)
    errors = member_written_text_is_never_translatable()
    assert any(error.id == "translation_workflow.E001" and error.obj is StandardPage for error in errors)
    assert all(error.level < checks.ERROR for error in errors if error.obj is not StandardPage)


def test_fields_quoting_a_member_are_never_sent_to_the_machine(a_module, spanish, monkeypatch):
    source, _ = TranslationSource.get_or_create_from_instance(a_module)
    translation = Translation.objects.create(source=source, target_locale=spanish)
    sent = {string.data for string in segments_for_machine(translation)}
    assert "Calm words open doors that arguments close." in sent
    monkeypatch.setattr(StandardPage, "member_written_fields", ["intro"], raising=False)
    sent = {string.data for string in segments_for_machine(translation)}
    assert "Calm words open doors that arguments close." not in sent
    assert "Talking without blame" in sent
