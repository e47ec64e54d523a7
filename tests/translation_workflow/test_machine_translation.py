"""Machine translation never receives member-written text."""

import json
import os
import subprocess
import sys

import pytest
from django.apps import apps
from django.conf import settings
from django.core import checks
from django.urls import reverse
from wagtail.models import TranslatableMixin
from wagtail_localize.machine_translators.deepl import DeepLTranslator
from wagtail_localize.machine_translators.dummy import DummyTranslator
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.models import StandardPage
from translation_workflow.checks import member_written_text_is_never_translatable
from translation_workflow.machine import machine_translate, member_written_fields, segments_for_machine

from .conftest import MODULE_SPANISH, client_for

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


# --- Which machine translator, in which environment ------------------------------------------------


def machine_translator_setting(settings_module, **environment):
    """WAGTAILLOCALIZE_MACHINE_TRANSLATOR as `settings_module` computes it in a fresh interpreter,
    since settings read the environment once, when first imported."""
    env = {key: value for key, value in os.environ.items() if key not in {"DEEPL_API_KEY", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        SECRET_KEY="a-production-secret-key-for-this-test-only-0123456789",
        WAGTAILADMIN_BASE_URL="https://craft.example.org",
        **environment,
    )
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps(getattr(settings, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', None)))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_uses_deepl_when_a_key_is_set():
    config = machine_translator_setting("cms.settings.production", DEEPL_API_KEY="a-deepl-key:fx")
    assert config["CLASS"] == "wagtail_localize.machine_translators.deepl.DeepLTranslator"
    assert config["OPTIONS"]["AUTH_KEY"] == "a-deepl-key:fx"
    assert DeepLTranslator(config["OPTIONS"]).get_api_endpoint() == "https://api-free.deepl.com/v2/translate"


def test_production_has_no_machine_translation_without_a_key():
    assert machine_translator_setting("cms.settings.production") is None


def test_development_falls_back_to_the_offline_dummy_translator():
    config = machine_translator_setting("cms.settings.dev")
    assert config["CLASS"] == "wagtail_localize.machine_translators.dummy.DummyTranslator"


def test_without_a_machine_translator_the_machine_button_does_nothing(
    a_module, a_translator, translate, spanish, settings
):
    translate(a_module, MODULE_SPANISH, publish=False)
    translation = Translation.objects.get(source__object_id=a_module.translation_key, target_locale=spanish)
    StringTranslation.objects.filter(locale=spanish).delete()
    del settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR
    response = client_for(a_translator).post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
    assert response.status_code == 404
    assert not StringTranslation.objects.filter(locale=spanish).exists()


def test_member_written_fields_are_read_from_the_model():
    class QuotingPage:
        member_written_fields = ("question", "question_title")

    assert member_written_fields(QuotingPage) == {"question", "question_title"}
    assert member_written_fields(StandardPage) == set()


def test_machine_translation_fills_only_the_fields_no_member_wrote(a_module, a_translator, spanish, monkeypatch):
    source, _ = TranslationSource.get_or_create_from_instance(a_module)
    translation = Translation.objects.create(source=source, target_locale=spanish)
    monkeypatch.setattr(StandardPage, "member_written_fields", ["intro"], raising=False)
    filled = machine_translate(translation, a_translator, DummyTranslator({}))
    translated = set(
        StringTranslation.objects.filter(locale=spanish, context__object_id=a_module.translation_key).values_list(
            "translation_of__data", flat=True
        )
    )
    assert filled == len(translated) == 2
    assert "Calm words open doors that arguments close." not in translated
    assert translated == {"Talking without blame", "talking-without-blame"}
