import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"wagtailcore", "cms", "home", "members", "learning", "blog", "auth"}
        and model._meta.model_name not in {"revision", "pagelogentry", "modellogentry", "referenceindex"}
    }


def test_demo_content_refuses_to_run_with_debug_off_unless_forced():
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo_content")


def load_demo_content(capture_on_commit):
    # wagtail-localize publishes translations on commit; run those callbacks as a real commit would.
    with capture_on_commit(execute=True):
        call_command("load_demo_content", "--force")


def test_demo_content_is_idempotent_and_bilingual(client, django_capture_on_commit_callbacks):
    load_demo_content(django_capture_on_commit_callbacks)
    first = row_counts()
    load_demo_content(django_capture_on_commit_callbacks)
    assert row_counts() == first

    english_pages = Page.objects.live().filter(locale__language_code="en", depth__gt=1)
    spanish_pages = Page.objects.live().filter(locale__language_code="es", depth__gt=1)
    assert english_pages.count() == spanish_pages.count() > 1
    for page in spanish_pages.specific():
        response = client.get(page.url, follow=True)
        assert response.status_code == 200, page.url
        assert '<html lang="es">' in response.content.decode()

    home = client.get("/es/").content.decode()
    assert "Línea 988 de Prevención del Suicidio y Crisis" in home, "crisis resources are translated"
    assert "no sustituye la atención de un profesional" in home.lower()
