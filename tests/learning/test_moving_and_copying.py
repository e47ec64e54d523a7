"""Moving or copying a module or segment never makes two with the same number in one parent."""

import pytest
from django.core.exceptions import ValidationError

from learning.models import ModulePage, SegmentPage

from .factories import add_module, module, segment

pytestmark = pytest.mark.django_db


def test_moving_a_segment_onto_a_taken_number_is_refused_with_a_clear_message(a_course):
    with pytest.raises(ValidationError, match="Segment 2 already exists in this module. Choose another number."):
        segment(1, 2).move(module(2), pos="last-child")
    assert SegmentPage.objects.child_of(module(2)).filter(number=2).count() == 1
    assert segment(1, 2).get_parent().pk == module(1).pk


def test_moving_a_segment_to_a_module_where_its_number_is_free_works(a_course):
    target = add_module(a_course, 3, segments=1)
    segment(1, 2).move(target, pos="last-child")
    assert segment(3, 2).url == "/learning/module-3/segment-2/"


def test_reordering_a_segment_within_its_module_is_still_allowed(a_course):
    segment(1, 2).move(segment(1, 1), pos="left")
    assert [page.number for page in SegmentPage.objects.child_of(module(1))] == [2, 1]


def test_the_admin_move_chooser_does_not_offer_a_module_that_has_the_number(a_course, admin_user):
    page = segment(1, 2)
    assert not page.permissions_for_user(admin_user).can_move_to(module(2))
    assert page.permissions_for_user(admin_user).can_move_to(add_module(a_course, 3, segments=1))


def copy_form(parent, title="A copy"):
    return {"new_title": title, "new_slug": "anything", "new_parent_page": parent.pk, "publish_copies": "on"}


def test_copying_a_segment_into_its_own_module_is_refused_with_a_clear_message(a_course, admin_client):
    page = segment(1, 2)
    response = admin_client.post(f"/admin/pages/{page.pk}/copy/", copy_form(module(1)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Segment 2 already exists in that module, and a copy keeps its number." in html
    assert SegmentPage.objects.count() == 4


def test_copying_a_module_into_its_own_course_is_refused_with_a_clear_message(a_course, admin_client):
    page = module(1)
    response = admin_client.post(f"/admin/pages/{page.pk}/copy/", {**copy_form(a_course), "copy_subpages": "on"})
    assert response.status_code == 200
    assert "Module 1 already exists in that course, and a copy keeps its number." in response.content.decode()
    assert ModulePage.objects.count() == 2


def test_copying_a_segment_where_its_number_is_free_takes_the_numbered_slug(a_course, admin_client):
    target = add_module(a_course, 3, segments=1)
    response = admin_client.post(f"/admin/pages/{segment(1, 2).pk}/copy/", copy_form(target, "A copy"))
    assert response.status_code == 302
    copy = segment(3, 2)
    assert copy.title == "A copy" and copy.url == "/learning/module-3/segment-2/"
