"""Marking segments complete: per member, idempotent, shared across languages, in course order."""

import pytest

from learning.models import SegmentCompletion

from .factories import segment

pytestmark = pytest.mark.django_db


def progress_url(page):
    """The progress route in the page's own words (`progreso/` on a Spanish segment)."""
    return page.url + page.specific.reverse_subpage("progress")


def test_a_member_marks_a_segment_complete_and_can_undo_it(a_course, client, a_member):
    client.force_login(a_member)
    page = segment(1, 1)
    response = client.post(progress_url(page), {"completed": "yes"})
    assert response.status_code == 302
    assert response["Location"] == "/learning/module-1/segment-1/#progress"
    assert SegmentCompletion.objects.filter(member=a_member, segment_key=page.translation_key).count() == 1
    assert "You have completed this segment." in client.get(page.url).content.decode()

    client.post(progress_url(page), {"completed": "no"})
    assert not SegmentCompletion.objects.filter(member=a_member).exists()


def test_marking_complete_twice_is_harmless(a_course, client, a_member):
    client.force_login(a_member)
    for _ in range(2):
        assert client.post(progress_url(segment(1, 1)), {"completed": "yes"}).status_code == 302
    assert SegmentCompletion.objects.filter(member=a_member).count() == 1


def test_progress_only_accepts_post(a_course, client, a_member):
    client.force_login(a_member)
    assert client.get(progress_url(segment(1, 1))).status_code == 405


def test_bad_input_gets_a_clear_error(a_course, client, a_member):
    client.force_login(a_member)
    response = client.post(progress_url(segment(1, 1)), {"completed": "maybe"})
    assert response.status_code == 400
    assert "Say whether the segment is completed" in response.content.decode()
    assert not SegmentCompletion.objects.exists()


def test_another_members_id_in_the_request_changes_nothing_of_theirs(a_course, client, a_member, another_member):
    page = segment(1, 1)
    SegmentCompletion.objects.create(member=another_member, segment_key=page.translation_key)
    client.force_login(a_member)
    client.post(progress_url(page), {"completed": "no", "member": another_member.pk, "user": another_member.pk})
    client.post(progress_url(segment(1, 2)), {"completed": "yes", "member": another_member.pk})
    assert list(SegmentCompletion.objects.filter(member=another_member).values_list("segment_key", flat=True)) == [
        page.translation_key
    ]
    assert SegmentCompletion.objects.filter(member=a_member).count() == 1


def test_anonymous_visitors_cannot_record_progress(a_course, client):
    response = client.post(progress_url(segment(1, 1)), {"completed": "yes"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not SegmentCompletion.objects.exists()


def test_progress_needs_the_csrf_token(a_course, a_member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(a_member)
    assert client.post(progress_url(segment(1, 1)), {"completed": "yes"}).status_code == 403
    assert not SegmentCompletion.objects.exists()


def test_a_segment_completed_in_spanish_is_completed_in_english(a_bilingual_course, client, a_member):
    client.force_login(a_member)
    client.post(progress_url(segment(1, 1, "es")), {"completed": "yes"})
    html = client.get("/learning/module-1/").content.decode()
    assert '<progress class="progress__bar" max="100" value="50"' in html
    assert "1 of 2 segments completed" in html


def test_the_index_shows_progress_per_module_and_where_to_continue(a_course, client, a_member):
    for page in (segment(1, 1), segment(1, 2)):
        SegmentCompletion.objects.create(member=a_member, segment_key=page.translation_key)
    client.force_login(a_member)
    response = client.get("/learning/")
    html = response.content.decode()
    course = response.context["course"]
    assert [outline.percent for outline in course.modules] == [100, 0]
    assert course.continue_segment.pk == segment(2, 1).pk
    assert 'href="/learning/module-2/segment-1/">Continue where you left off' in html


def test_previous_and_next_cross_module_boundaries_in_course_order(a_course, client, a_member):
    client.force_login(a_member)
    context = client.get(segment(1, 2).url).context
    assert context["previous_segment"].pk == segment(1, 1).pk
    assert context["next_segment"].pk == segment(2, 1).pk
    context = client.get(segment(2, 1).url).context
    assert context["previous_segment"].pk == segment(1, 2).pk
    assert context["next_segment"].pk == segment(2, 2).pk
    context = client.get(segment(2, 2).url).context
    assert context["next_segment"] is None


def test_course_order_follows_the_numbers_not_the_tree(a_course, client, a_member):
    from .factories import add_segment, module

    add_segment(module(1), 3)
    first_in_the_tree = segment(1, 1)
    first_in_the_tree.number = 9
    first_in_the_tree.save_revision().publish()
    client.force_login(a_member)
    context = client.get(segment(1, 3).url).context
    assert context["next_segment"].pk == first_in_the_tree.pk


def test_an_unpublished_segment_is_skipped_by_the_pager(a_course, client, a_member):
    segment(1, 2).unpublish()
    client.force_login(a_member)
    assert client.get(segment(1, 1).url).context["next_segment"].pk == segment(2, 1).pk


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_module_page_leads_back_to_its_own_language_course(
    a_bilingual_course, client, a_member, language, each_cache
):
    from learning.models import LearningIndexPage

    from .factories import module

    client.force_login(a_member)
    index = LearningIndexPage.objects.get(locale__language_code=language)
    html = client.get(module(1, language).url).content.decode()
    assert f'<nav class="breadcrumb" aria-label="{"Breadcrumb" if language == "en" else "Ruta de navegación"}">' in html
    assert f'<a href="{index.url}">{index.title}</a></nav>' in html
