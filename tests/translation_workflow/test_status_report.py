"""The "Translation status" report, its exports, the dashboard panel and the userbar notice."""

import csv
import io
import re
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from openpyxl import load_workbook
from wagtail.users.models import UserProfile
from wagtail_localize.models import TranslationSource

from cms.models import CrisisResource
from translation_workflow.status import (
    IN_PROGRESS,
    MISSING,
    OUTDATED,
    PUBLISHED,
    TranslationStatus,
    translation_statuses,
)

from .conftest import MODULE_SPANISH, add_standard_page, client_for, publish

pytestmark = pytest.mark.django_db

REPORT = reverse("translation_workflow:status_report")


def lists(page, title):
    """Whether the report's table has a row linking `title` (not just a filter option)."""
    return re.search(rf">\s*{re.escape(title)}\s*</a>", page) is not None


def by_title():
    return {row.title: row for row in translation_statuses()}


def test_every_page_and_translatable_snippet_has_a_status(a_module, a_spanish_home_page, translate, english):
    CrisisResource.objects.create(locale=english, name="Emergency services", contact="Call 911")
    translate(a_module, MODULE_SPANISH)
    rows = by_title()
    assert rows["Talking without blame"].status == PUBLISHED
    assert rows["Talking without blame"].translated_share == 100
    assert rows["Talking without blame"].section == "talking-without-blame"
    assert rows["Using I statements"].status == MISSING
    assert rows["Using I statements"].section == "talking-without-blame", "section = top-level page above it"
    assert rows["Emergency services"].status == MISSING
    assert rows["Emergency services"].section == "snippets"
    assert rows["Home"].status == PUBLISHED


def test_a_translation_waiting_for_strings_is_in_progress_and_outdated_once_english_is_republished(a_module, translate):
    translate(a_module, MODULE_SPANISH, publish=False)
    assert by_title()["Talking without blame"].status == IN_PROGRESS
    translate(a_module, MODULE_SPANISH)
    publish(a_module)
    row = by_title()["Talking without blame"]
    assert row.status == OUTDATED
    with translation.override("en"):
        assert row.status_display.startswith("Outdated since ")
        assert str(row.outdated_since.year) in row.status_display
    source = TranslationSource.objects.get(object_id=a_module.translation_key)
    assert row.action_url == reverse("wagtail_localize:update_translations", args=[source.pk])


def test_the_report_filters_by_section_and_status(a_module, a_home_page, a_translator, translate):
    add_standard_page(a_home_page, "About us", "about", "Who we are.")
    client = client_for(a_translator)
    page = client.get(REPORT, {"section": "talking-without-blame"}).content.decode()
    assert lists(page, "Choosing a calm moment") and not lists(page, "About us")
    page = client.get(REPORT, {"status": MISSING, "section": "about"}).content.decode()
    assert lists(page, "About us") and not lists(page, "Choosing a calm moment")
    assert "Translate" in page


def test_the_report_exports_csv_and_xlsx(a_module, a_translator):
    client = client_for(a_translator)
    response = client.get(REPORT, {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    titles = {row["English title"]: row for row in rows}
    assert titles["Using I statements"]["Spanish status"] == "Missing"
    response = client.get(REPORT, {"export": "xlsx"})
    sheet = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    assert sheet.cell(row=1, column=1).value == "English title"
    assert sheet.max_row == len(rows) + 1


@pytest.mark.parametrize("extra_pages", [2, 20])
def test_the_report_costs_the_same_number_of_queries_for_more_pages(
    extra_pages, a_module, a_translator, translate, django_assert_max_num_queries
):
    translate(a_module, MODULE_SPANISH)
    for number in range(extra_pages):
        add_standard_page(a_module, f"Extra segment {number}", f"extra-{number}", "More practice.")
    client = client_for(a_translator)
    client.get(REPORT)  # warm the session and content-type caches
    with django_assert_max_num_queries(40):
        response = client.get(REPORT)
    assert response.status_code == 200
    assert f"Extra segment {extra_pages - 1}" in response.content.decode()


def test_the_dashboard_shows_translation_counts(a_module, a_translator):
    page = client_for(a_translator).get(reverse("wagtailadmin_home")).content.decode()
    assert "Spanish translations" in page
    assert f"{REPORT}?status=missing" in page


def test_an_outdated_spanish_page_shows_editors_a_userbar_notice_but_not_the_public(
    a_module, a_reviewer, translate, client
):
    translate(a_module, MODULE_SPANISH)
    publish(a_module)
    assert "data-outdated-translation" not in client.get("/es/hablar-sin-culpar/").content.decode()
    page = client_for(a_reviewer).get("/es/hablar-sin-culpar/").content.decode()
    assert "data-outdated-translation" in page


def a_row(**fields):
    return TranslationStatus(
        **{
            "kind": "page",
            "title": "Talking without blame",
            "content_type": "standard page",
            "section": "talking-without-blame",
            "section_title": "Talking without blame",
            "english_url": "",
            "english_published_at": None,
            "status": OUTDATED,
            "outdated_since": datetime(2026, 3, 5, 10, 0, tzinfo=UTC),
            "strings_total": 3,
            "strings_translated": 3,
            "action_label": "",
            "action_url": "",
            "spanish_edit_url": "",
            **fields,
        }
    )


def test_the_outdated_date_is_written_in_the_language_of_the_admin():
    row = a_row()
    with translation.override("en"):
        assert row.status_display == "Outdated since March 5, 2026"
    with translation.override("es"):
        assert "5 de marzo de 2026" in row.status_display


def test_the_report_shows_a_spanish_admin_a_spanish_date(a_module, a_translator, translate):
    translate(a_module, MODULE_SPANISH)
    publish(a_module)
    since = by_title()["Talking without blame"].outdated_since
    with translation.override("es"):
        spanish_date = date_format(localtime(since), "DATE_FORMAT")
    assert " de " in spanish_date
    profile = UserProfile.get_for_user(a_translator)
    profile.preferred_language = "es"
    profile.save()
    page = client_for(a_translator).get(REPORT, {"status": OUTDATED}).content.decode()
    assert spanish_date in page


@pytest.fixture
def a_translated_crisis_resource(english, translate):
    resource = CrisisResource.objects.create(locale=english, name="Emergency services", contact="Call 911")
    translate(resource, {"Emergency services": "Servicios de emergencia", "Call 911": "Llame al 911"})
    return resource


def test_a_snippet_is_outdated_once_its_english_is_published_again_in_the_admin(
    a_translated_crisis_resource, admin_client, a_translator
):
    resource = a_translated_crisis_resource
    assert by_title()["Emergency services"].status == PUBLISHED
    edit_url = reverse("wagtailsnippets_cms_crisisresource:edit", args=[resource.pk])
    form = {"name": "Emergency services", "contact": "Call or text 911", "url": "", "sort_order": "0"}
    assert admin_client.post(edit_url, form).status_code == 302
    assert by_title()["Emergency services"].status == PUBLISHED, "an English draft changes nothing yet"
    response = admin_client.post(edit_url, {**form, "action-publish": "action-publish"})
    assert response.status_code == 302
    resource.refresh_from_db()

    row = by_title()["Emergency services"]
    assert row.status == OUTDATED
    assert row.outdated_since == resource.last_published_at
    assert row.english_published_at == resource.last_published_at
    source = TranslationSource.objects.get(object_id=resource.translation_key)
    assert row.action_url == reverse("wagtail_localize:update_translations", args=[source.pk])

    # Updating from English extracts the new text: one string left to translate, and (as for a page)
    # outdated until the Spanish goes live again after review.
    assert client_for(a_translator).post(row.action_url, {}).status_code == 302
    row = by_title()["Emergency services"]
    assert row.status == OUTDATED
    assert (row.strings_translated, row.strings_total) == (1, 2)


def test_a_snippet_changed_outside_the_admin_is_outdated_without_a_date(a_translated_crisis_resource):
    resource = a_translated_crisis_resource
    resource.contact = "Call or text 911"
    resource.save()
    row = by_title()["Emergency services"]
    assert row.status == OUTDATED
    assert row.outdated_since is None
    with translation.override("en"):
        assert row.status_display == "Outdated: the English changed after the last translation"


def test_the_reports_action_never_wraps_mid_word(a_module, a_translator, translate):
    """Listing titles may break inside a word ("Edit translatio/n"); the action column keeps each label whole."""
    translate(a_module, MODULE_SPANISH)
    soup = BeautifulSoup(client_for(a_translator).get(REPORT).content, "html.parser")
    link = soup.find("a", string=re.compile(r"^\s*Edit translation\s*$"))
    assert "w-whitespace-nowrap" in link.find_parent("td")["class"]
