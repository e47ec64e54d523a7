"""The real course pages through the whole cycle: a module and its segments translated as a subtree,
drafted by machine and by PO file, every page reviewed, then live for members at /es/."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation

from learning.models import ModulePage, SegmentPage
from tests.learning.factories import COURSE_SPANISH, build_course, spanish_for_segment
from translation_workflow.status import PUBLISHED, translation_statuses

from .conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_course_with_a_spanish_index(a_home_page, a_spanish_home_page, translate):
    """Module 1 with two segments; the course's index page is already in Spanish (translated first,
    in its own transaction, as wagtail-localize needs for parents)."""
    index = build_course(a_home_page, modules=1, segments=2)
    translate(index, COURSE_SPANISH)
    return ModulePage.objects.get(locale__language_code="en", number=1)


def translation_of(page, spanish):
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=spanish)


def test_a_module_and_its_segments_go_from_english_to_live_spanish_through_review(
    a_course_with_a_spanish_index,
    a_translator,
    a_reviewer,
    make_user,
    spanish,
    client,
    django_capture_on_commit_callbacks,
):
    module = a_course_with_a_spanish_index
    segments = list(SegmentPage.objects.child_of(module).order_by("number"))
    translator, reviewer = client_for(a_translator), client_for(a_reviewer)

    # 1. The module and its segments, in one go.
    with django_capture_on_commit_callbacks(execute=True):
        response = translator.post(
            reverse("wagtail_localize:submit_page_translation", args=[module.pk]),
            {"locales": [spanish.pk], "include_subtree": "on"},
        )
    assert response.status_code == 302
    spanish_module = module.get_translation(spanish)
    spanish_segments = [segment.get_translation(spanish) for segment in segments]
    assert Page.objects.get(pk=spanish_module.pk).numchild == 2
    assert [segment.slug for segment in spanish_segments] == ["segmento-1", "segmento-2"]
    assert not any(page.live for page in [spanish_module, *spanish_segments])

    # 2. Machine drafts for the module and the second segment; a PO file for the first segment.
    for page in (module, segments[1]):
        translation = translation_of(page, spanish)
        translator.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
        total, translated = translation.get_progress()
        assert total == translated > 0
    first = translation_of(segments[0], spanish)
    po = polib.pofile(translator.get(reverse("wagtail_localize:download_pofile", args=[first.pk])).content.decode())
    for entry in po:
        entry.msgstr = spanish_for_segment(1, 1)[entry.msgid]
    upload = SimpleUploadedFile("segment-es.po", str(po).encode())
    translator.post(reverse("wagtail_localize:upload_pofile", args=[first.pk]), {"file": upload})
    assert first.get_progress()[0] == first.get_progress()[1]

    # 3. Every page is submitted and reviewed: parents first, so each child has a live parent.
    for page in (spanish_module, *spanish_segments):
        with django_capture_on_commit_callbacks(execute=True):
            translator.post(reverse("translation_workflow:submit_for_review", args=[page.pk]))
        assert WorkflowState.objects.active().for_instance(page).get().status == WorkflowState.STATUS_IN_PROGRESS
        assert not Page.objects.get(pk=page.pk).live
    for page in (spanish_module, *spanish_segments):
        with django_capture_on_commit_callbacks(execute=True):
            response = reviewer.post(reverse("translation_workflow:review", args=[page.pk]), {"action": "approve"})
        assert response.status_code == 302
        assert Page.objects.get(pk=page.pk).live

    # 4. Live in Spanish, for members only, like the English course.
    url = "/es/aprendizaje/modulo-1/segmento-1/"
    assert client.get(url).status_code == 302
    client.force_login(make_user("ana", "Members"))
    response = client.get(url)
    assert response.status_code == 200
    assert "Lección privada 1.1" in response.content.decode()
    assert client.get("/es/aprendizaje/modulo-1/segmento-2/").status_code == 200
    assert client.get("/es/aprendizaje/modulo-1/").status_code == 200
    statuses = {row.title: row.status for row in translation_statuses()}
    assert {statuses[page.title] for page in (module, *segments)} == {PUBLISHED}
