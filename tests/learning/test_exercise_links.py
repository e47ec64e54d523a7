"""Rich-text links to "Exercise #N": a real reference, plain text once the exercise is gone."""

import json

import pytest
from django.utils import translation
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import ReferenceIndex
from wagtail.rich_text import expand_db_html, features

from learning.models import Exercise

from .factories import make_exercise

pytestmark = pytest.mark.django_db

SPANISH_EXERCISE = {
    "Key Observations": "Observaciones clave",
    "Watch for the good moments.": "Fíjese en los buenos momentos.",
    "What did you notice this week?": "¿Qué notó esta semana?",
    "One or two sentences": "Una o dos frases",
}


def converter():
    return ContentstateConverter(features=features.get_default_features())


def saved_from_editor(url, text="Key Observations"):
    """What the rich-text editor stores when an editor links `text` to `url`."""
    contentstate = {
        "blocks": [
            {
                "key": "a1",
                "type": "unstyled",
                "text": f"Try {text} today",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 4, "length": len(text), "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
    }
    return converter().to_database_format(json.dumps(contentstate))


def test_an_editor_links_the_short_route_and_an_exercise_reference_is_stored(a_course, an_exercise):
    html = saved_from_editor("/learning/exercises/16/")
    assert (
        html
        == f'<p data-block-key="a1">Try <a linktype="exercise" id="{an_exercise.pk}">Key Observations</a> today</p>'
    )


def test_the_editor_shows_a_stored_exercise_link_as_its_short_route(a_course, an_exercise):
    stored = f'<p>Try <a linktype="exercise" id="{an_exercise.pk}">Key Observations</a></p>'
    entity_map = json.loads(converter().from_database_format(stored))["entityMap"]
    assert entity_map["0"]["data"] == {"url": "/learning/exercises/16/"}


def test_an_exercise_link_goes_to_the_exercise_in_the_visitors_language(a_bilingual_course, an_exercise, translate):
    translate(an_exercise, SPANISH_EXERCISE)
    html = saved_from_editor("/learning/exercises/16/")
    with translation.override("en"):
        assert 'href="/learning/exercise-16/"' in expand_db_html(html)
    with translation.override("es"):
        assert 'href="/es/aprendizaje/ejercicio-16/"' in expand_db_html(html)


def test_an_exercise_link_survives_renaming_and_renumbering(a_course, an_exercise):
    html = saved_from_editor("/learning/exercises/16/")
    an_exercise.title = "Noticing the good moments"
    an_exercise.number = 17
    an_exercise.save()
    assert 'href="/learning/exercise-17/"' in expand_db_html(html)


def test_a_withdrawn_or_deleted_exercise_link_renders_as_plain_text(a_course, an_exercise):
    html = saved_from_editor("/learning/exercises/16/")
    an_exercise.live = False
    an_exercise.save()
    assert expand_db_html(html) == '<p data-block-key="a1">Try <a>Key Observations</a> today</p>'
    an_exercise.delete()
    assert expand_db_html(html) == '<p data-block-key="a1">Try <a>Key Observations</a> today</p>'


def test_a_link_to_an_exercise_not_written_yet_waits_for_it(a_course):
    html = saved_from_editor("/es/learning/exercises/21/")
    assert '<a linktype="exercise" number="21">' in html
    assert "href" not in expand_db_html(html)
    make_exercise(number=21, title="Self-care plan")
    assert 'href="/learning/exercise-21/"' in expand_db_html(html)


def test_other_links_are_stored_as_before(a_course):
    assert 'href="https://example.org/help"' in saved_from_editor("https://example.org/help")
    assert 'href="/learning/exercise-16/"' in saved_from_editor("/learning/exercise-16/")


def test_the_admin_lists_where_an_exercise_is_linked_from(a_course, an_exercise):
    from home.models import StandardPage

    body = saved_from_editor("/learning/exercises/16/")
    page = a_course.get_parent().add_child(
        instance=StandardPage(title="About", slug="about", body=[("paragraph", body)])
    )
    ReferenceIndex.create_or_update_for_object(page)
    usages = ReferenceIndex.get_references_to(Exercise.objects.get(pk=an_exercise.pk)).group_by_source_object()
    assert [source.pk for source, _references in usages] == [page.pk]
