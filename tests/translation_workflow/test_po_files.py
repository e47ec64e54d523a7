"""PO upload: a malformed, foreign or partial file gets a clear message and loses nothing."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import StringTranslation, Translation

from home.models import StandardPage

from .conftest import MODULE_SPANISH, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_translation(a_module, translate, spanish):
    translate(a_module, MODULE_SPANISH, publish=False)
    return Translation.objects.get(source__object_id=a_module.translation_key, target_locale=spanish)


def upload(client, translation, content, name="page-es.po"):
    file = SimpleUploadedFile(name, content if isinstance(content, bytes) else content.encode())
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": file}, follow=True
    )
    assert response.status_code == 200
    return response.content.decode()


def spanish_strings():
    return set(StringTranslation.objects.values_list("data", flat=True))


def test_a_malformed_file_is_refused_and_nothing_changes(a_translation, a_translator):
    before = spanish_strings()
    page = upload(client_for(a_translator), a_translation, 'msgid "unterminated\nmsgstr ""\n"""')
    assert "This is not a valid PO file" in page
    page = upload(client_for(a_translator), a_translation, b"\xff\xfe\x00binary")
    assert "This is not a valid PO file" in page
    assert spanish_strings() == before


def test_a_missing_file_is_asked_for(a_translation, a_translator):
    response = client_for(a_translator).post(
        reverse("wagtail_localize:upload_pofile", args=[a_translation.pk]), {}, follow=True
    )
    assert "Choose a PO file to upload." in response.content.decode()


def test_a_file_of_another_page_is_refused_by_name(a_translation, a_translator, a_home_page, translate):
    other_page = a_home_page.add_child(instance=StandardPage(title="Caring for yourself", slug="self-care"))
    translate(other_page, {"Caring for yourself": "Cuidarse", "self-care": "cuidarse"}, publish=False)
    other = Translation.objects.get(source__object_id=other_page.translation_key)
    po = other.export_po()
    po[0].msgstr = "Otra cosa"
    before = spanish_strings()
    page = upload(client_for(a_translator), a_translation, str(po))
    assert "belongs to another translation (Caring for yourself)" in page
    assert spanish_strings() == before


def test_a_file_without_its_translation_id_is_refused(a_translation, a_translator):
    po = a_translation.export_po()
    del po.metadata["X-WagtailLocalize-TranslationID"]
    page = upload(client_for(a_translator), a_translation, str(po))
    assert "was not downloaded from this translation" in page


def test_a_partial_file_imports_what_it_has_and_keeps_the_rest(a_translation, a_translator):
    po = a_translation.export_po()
    partial = polib.POFile()
    partial.metadata = po.metadata
    title = next(entry for entry in po if entry.msgid == "Talking without blame")
    title.msgstr = "Hablar sin reproches"
    partial.append(title)
    StringTranslation.objects.filter(data=MODULE_SPANISH["Calm words open doors that arguments close."]).delete()
    page = upload(client_for(a_translator), a_translation, str(partial))
    assert "1 of 3 strings still need a translation" in page
    assert "Hablar sin reproches" in spanish_strings()
    assert "hablar-sin-culpar" in spanish_strings(), "strings missing from the file are kept"


def test_a_translator_cannot_upload_to_a_translation_they_may_not_edit(a_translation, make_user):
    outsider = make_user("outsider")
    response = client_for(outsider).post(
        reverse("wagtail_localize:upload_pofile", args=[a_translation.pk]),
        {"file": SimpleUploadedFile("x.po", str(a_translation.export_po()).encode())},
    )
    assert response.status_code in (302, 403)
    assert "Hablar sin culpar" in spanish_strings()
