"""The index, module and segment pages cost the same number of queries however big the course."""

import pytest

from learning.models import SegmentCompletion, SegmentPage

from .conftest import build_course

pytestmark = pytest.mark.django_db

# Session, user, groups (is_member), site, menus, footer, language links and the course itself.
INDEX_QUERIES = 20
MODULE_QUERIES = 20
SEGMENT_QUERIES = 24


def complete_half(member):
    for page in SegmentPage.objects.all()[::2]:
        SegmentCompletion.objects.create(member=member, segment_key=page.translation_key)


@pytest.mark.parametrize(("modules", "segments"), [(2, 2), (8, 4)])
def test_course_pages_cost_constant_queries(
    a_home_page, client, a_member, django_assert_max_num_queries, modules, segments
):
    index = build_course(a_home_page, modules=modules, segments=segments)
    complete_half(a_member)
    client.force_login(a_member)
    client.get("/learning/")  # warm the per-process caches (content types, site root paths)
    with django_assert_max_num_queries(INDEX_QUERIES):
        response = client.get(index.url)
    assert len(response.context["course"].modules) == modules
    with django_assert_max_num_queries(MODULE_QUERIES):
        response = client.get("/learning/module-2/")
    assert response.context["outline"].total == segments
    with django_assert_max_num_queries(SEGMENT_QUERIES):
        response = client.get("/learning/module-2/segment-1/")
    assert response.status_code == 200
