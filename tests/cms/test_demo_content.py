import html
import io
import os

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page

from demo.deferred import index_updates_at_the_end
from demo.management.commands.load_demo_content import DEFAULT_DEMO_PASSWORD
from tests.cms.test_no_third_party import fetched_urls, is_ours

pytestmark = pytest.mark.django_db


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {
            "wagtailcore",
            "cms",
            "home",
            "members",
            "learning",
            "blog",
            "auth",
            "comments",
            "django_comments",
            "django_comments_xtd",
            "meetings",
            "safety",
        }
        and model._meta.model_name not in {"revision", "pagelogentry", "modellogentry", "referenceindex"}
    }


def test_demo_content_refuses_to_run_with_debug_off_unless_forced():
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo_content")


def load_demo_content(capture_on_commit, *sections):
    """The demo as `make run` loads it, or only `sections` of it (demo.loader.SECTIONS)."""
    # wagtail-localize publishes translations on commit; run those callbacks as a real commit would,
    # and index what they publish once, after them, as the command does (demo.deferred).
    with index_updates_at_the_end(), capture_on_commit(execute=True):
        call_command(
            "load_demo_content", "--force", *[f"--section={section}" for section in sections], stdout=io.StringIO()
        )


def test_demo_content_is_idempotent_and_bilingual(demo, client, settings, django_capture_on_commit_callbacks):
    first = row_counts()  # the demo as a first load leaves it (tests/conftest.py)
    load_demo_content(django_capture_on_commit_callbacks)
    assert row_counts() == first
    check_the_spanish_comes_from_the_po_files()

    english_pages = Page.objects.live().filter(locale__language_code="en", depth__gt=1)
    spanish_pages = Page.objects.live().filter(locale__language_code="es", depth__gt=1)
    # Every page in both languages but the new fifth module (3 pages), left for the translators.
    assert english_pages.count() - 3 == spanish_pages.count() > 1
    for page in spanish_pages.specific():
        response = client.get(page.url, follow=True)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert '<html lang="es">' in html
        assert not [url for url in fetched_urls(html) if not is_ours(url)]

    # The privacy page states each retention period, as the settings apply it, in both languages.
    for url, periods in (
        ("/privacy/", ["30 days", "7 days", "14 days", "as long as we keep backups"]),
        ("/es/privacidad/", ["30 días", "7 días", "14 días", "mientras conservemos copias de seguridad"]),
    ):
        privacy = client.get(url, follow=True).content.decode()
        for period in periods:
            assert period in privacy, (url, period)
    assert settings.COMMENT_IP_RETENTION_DAYS == 30 and settings.MAIL_QUEUE_KEEP_DAYS == 7

    home = client.get("/es/").content.decode()
    assert "Línea 988 de Prevención del Suicidio y Crisis" in home, "crisis resources are translated"
    assert "no sustituye la atención de un profesional" in home.lower()


def test_the_demo_logins_have_their_roles_and_the_demo_password(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    from django.contrib.auth import get_user_model

    monkeypatch.setenv("DEMO_PASSWORD", "a-changed-demo-password")
    # The logins are the site's staff and the members' section's people; the pages add none.
    load_demo_content(django_capture_on_commit_callbacks, "site", "members")
    users = {user.username: user for user in get_user_model().objects.prefetch_related("groups")}
    assert users["admin"].is_superuser
    roles = {
        "editor": "Editors",
        "clinician": "Clinical reviewers",
        "moderator": "Moderators",
        "translator": "Translators",
        "member": "Members",
        "reviewer": "Spanish reviewers",
    }
    for username, group in roles.items():
        assert group in {g.name for g in users[username].groups.all()}, username
        assert not users[username].is_superuser
    for username in ["admin", *roles, "luz_del_sur"]:
        assert client.login(username=username, password="a-changed-demo-password"), username


def test_every_demo_login_signs_in_on_the_site_and_staff_in_the_admin_too(client, django_capture_on_commit_callbacks):
    """A moderator who first signs in on the public site is not sent to confirm an address, and is
    then still let into the admin (cms.security refuses accounts whose addresses are all unconfirmed)."""
    load_demo_content(django_capture_on_commit_callbacks, "site", "members")
    password = os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
    staff = ["admin", "editor", "clinician", "moderator", "translator", "reviewer"]
    for username in [*staff, "member", "luz_del_sur"]:
        response = client.post("/accounts/login/", {"login": username, "password": password})
        assert response.status_code == 302, username
        assert "confirm-email" not in response["Location"], username
        client.logout()
    for username in staff:
        response = client.post("/admin/login/", {"username": username, "password": password})
        assert response.status_code == 302, username
        client.logout()


def check_the_spanish_comes_from_the_po_files():
    """Every page and snippet of demo/data has a Spanish translation, live, made from demo/data/es/*.po.

    Each plain field the PO file translates (a title, a name, a slug) holds the PO's Spanish, so
    the Spanish site is the one the translation pipeline built, not a copy of the English.
    """
    from django.db.models import CharField, SlugField

    from demo.loader import SECTIONS, read_section, read_spanish

    checked = {"pages": 0, "snippets": 0}
    english_only_pages = set()
    for section in SECTIONS:
        spanish_entries = read_spanish(section)
        for entry in read_section(section).get("objects", []):
            if entry.get("locale") == "es":
                continue
            if entry["key"] not in spanish_entries:
                if "parent" in entry:
                    english_only_pages.add(entry["key"])
                continue
            model = apps.get_model(entry["model"])
            english = model.objects.get(translation_key=entry["translation_key"], locale__language_code="en")
            spanish = english.get_translation_or_none(Locale.objects.get(language_code="es"))
            assert spanish is not None, entry["key"]
            if isinstance(english, Page):
                assert spanish.live, entry["key"]
                checked["pages"] += 1
            else:
                checked["snippets"] += 1
            for po_entry in spanish_entries[entry["key"]]:
                field = model._meta.get_field(po_entry.msgctxt) if "." not in po_entry.msgctxt else None
                if isinstance(field, CharField | SlugField) and po_entry.msgstr != po_entry.msgid:
                    value = getattr(spanish, po_entry.msgctxt)
                    assert value == html.unescape(po_entry.msgstr), (entry["key"], po_entry.msgctxt)
    english_pages = Page.objects.filter(locale__language_code="en", depth__gt=2).count()
    assert checked["pages"] + len(english_only_pages) == english_pages + 1, "every English page is in the data"
    # The one piece of work the demo leaves the translators: the new fifth module, in English only.
    assert english_only_pages == {
        "page:/learning/module-5/",
        "page:/learning/module-5/segment-1/",
        "page:/learning/module-5/segment-2/",
    }
    assert checked["snippets"] >= 40
    assert Page.objects.get(url_path="/inicio/aprendizaje/").title == "Módulos de aprendizaje"
