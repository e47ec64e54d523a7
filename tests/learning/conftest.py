"""Fixtures of the learning tests: a course, an exercise, members (built by tests/learning/factories.py)."""

import pytest

from learning.models import ModulePage, SegmentPage
from tests.learning.factories import (
    COURSE_SPANISH,
    build_course,
    make_exercise,
    spanish_for_module,
    spanish_for_segment,
)


@pytest.fixture
def a_course(a_home_page):
    """Learning index with Module 1 and Module 2, two segments each."""
    return build_course(a_home_page)


@pytest.fixture
def an_exercise():
    return make_exercise()


@pytest.fixture
def a_member(make_user):
    return make_user("ana", "Members")


@pytest.fixture
def another_member(make_user):
    return make_user("bruno", "Members")


@pytest.fixture
def a_bilingual_course(a_course, a_spanish_home_page, translate):
    """The course translated into Spanish, parents before children, as wagtail-localize needs."""
    translate(a_course, COURSE_SPANISH)
    for module_page in ModulePage.objects.filter(locale__language_code="en").order_by("number"):
        translate(module_page, spanish_for_module(module_page.number))
        for segment_page in SegmentPage.objects.child_of(module_page).order_by("number"):
            translate(segment_page, spanish_for_segment(module_page.number, segment_page.number))
    return a_course
