"""References to "Module N, segment M" and "Exercise #N" from any StreamField or rich text."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation
from wagtail.rich_text import expand_db_html

from cms.blocks import LearningReferenceBlock

from .factories import add_module, module, segment

pytestmark = pytest.mark.django_db


def render_reference(user=None, **value):
    block = LearningReferenceBlock()
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    raw = {"page": None, "exercise": None, "link_text": "", **value}
    return block.render(block.to_python(raw), context={"request": request})


def test_a_segment_reference_links_with_its_numbers(a_course, a_member):
    html = render_reference(page=segment(1, 2).pk, user=a_member)
    assert '<a href="/learning/module-1/segment-2/">Module 1, segment 2: Segment text 1.2</a>' in html


def test_visitors_see_the_numbers_but_not_the_members_only_title(a_course):
    html = render_reference(page=segment(1, 2).pk)
    assert ">Module 1, segment 2</a>" in html
    assert "Segment text" not in html


def test_a_reference_survives_renames_renumbering_and_moves(a_course, a_member):
    target = segment(1, 2)
    parent = module(1)
    parent.number = 6
    parent.save_revision().publish()
    target = segment(6, 2)
    target.title = "A new title"
    target.save_revision().publish()
    target.move(add_module(a_course, 3, segments=1), pos="last-child")  # Module 3 has no segment 2
    target = type(target).objects.get(pk=target.pk)
    html = render_reference(page=target.pk, user=a_member)
    assert f'href="{target.url}"' in html and target.url == "/learning/module-3/segment-2/"
    assert "Module 3, segment 2: A new title" in html


def test_an_unpublished_target_renders_as_plain_text(a_course, a_member):
    target = segment(1, 2)
    target.unpublish()
    html = render_reference(page=target.pk, user=a_member)
    assert "<a" not in html
    assert "Module 1, segment 2: Segment text 1.2" in html


def test_a_deleted_target_renders_as_plain_text(a_course):
    target = segment(1, 2)
    pk = target.pk
    target.delete()
    html = render_reference(page=pk, link_text="the segment on listening")
    assert "<a" not in html and "the segment on listening" in html


def test_a_reference_follows_the_visitors_language(a_bilingual_course, a_member):
    with translation.override("es"):
        html = render_reference(page=segment(1, 2).pk, user=a_member)
    assert 'href="/es/aprendizaje/modulo-1/segmento-2/"' in html
    assert "Texto del segmento 1.2" in html


def test_an_exercise_reference_links_to_the_exercise(a_course, an_exercise, a_member):
    html = render_reference(exercise=an_exercise.pk, user=a_member)
    assert '<a href="/learning/exercise-16/">Exercise #16: Key Observations</a>' in html
    assert ">Exercise #16</a>" in render_reference(exercise=an_exercise.pk)


def test_an_unpublished_exercise_reference_renders_as_plain_text(a_course, an_exercise):
    an_exercise.live = False
    an_exercise.save()
    html = render_reference(exercise=an_exercise.pk)
    assert "<a" not in html and "Exercise #16" in html


def test_a_reference_needs_exactly_one_target(a_course, an_exercise):
    block = LearningReferenceBlock()
    for raw in ({}, {"page": segment(1, 1).pk, "exercise": an_exercise.pk}):
        with pytest.raises(ValidationError):
            block.clean(block.to_python({"page": None, "exercise": None, "link_text": "", **raw}))


def test_rich_text_links_to_a_segment_survive_moves_and_go_plain_when_unpublished(a_bilingual_course):
    target = segment(1, 2)
    link = f'<p><a linktype="page" id="{target.pk}">see Module 1, segment 2</a></p>'
    assert 'href="/learning/module-1/segment-2/"' in expand_db_html(link)
    with translation.override("es"):
        assert 'href="/es/aprendizaje/modulo-1/segmento-2/"' in expand_db_html(link)
    target.move(add_module(a_bilingual_course, 3, segments=1), pos="last-child")
    assert 'href="/learning/module-3/segment-2/"' in expand_db_html(link)
    type(target).objects.get(pk=target.pk).unpublish()
    assert expand_db_html(link) == "<p><a>see Module 1, segment 2</a></p>"


def test_rich_text_links_to_a_deleted_page_go_plain(a_course):
    target = segment(1, 2)
    link = f'<a linktype="page" id="{target.pk}">see it</a>'
    target.delete()
    assert expand_db_html(link) == "<a>see it</a>"
