"""A small course (learning index, numbered modules and segments, an exercise) for the learning tests."""

import pytest

from learning.models import Exercise, LearningIndexPage, ModulePage, SegmentPage

QUESTION = "What did you notice this week?"


def add_module(index, number, segments=2, **fields):
    module = index.add_child(
        instance=ModulePage(
            title=fields.pop("title", f"Talking so they can hear you {number}"),
            number=number,
            summary=fields.pop("summary", f"Summary of module {number}"),
            estimated_minutes=20,
            **fields,
        )
    )
    for segment_number in range(1, segments + 1):
        add_segment(module, segment_number)
    return module


def add_segment(module, number, body=None, **fields):
    return module.add_child(
        instance=SegmentPage(
            title=fields.pop("title", f"Segment text {module.number}.{number}"),
            number=number,
            body=body or [("paragraph", f"<p>Private lesson {module.number}.{number}</p>")],
            **fields,
        )
    )


def build_course(home, modules=2, segments=2):
    index = home.add_child(instance=LearningIndexPage(title="Learning Modules", slug="learning"))
    for number in range(1, modules + 1):
        add_module(index, number, segments=segments)
    return LearningIndexPage.objects.get(pk=index.pk)


def make_exercise(number=16, title="Key Observations", locale=None, **fields):
    exercise = Exercise(
        number=number,
        title=title,
        instructions="<p>Watch for the good moments.</p>",
        questions=[("question", {"question": QUESTION, "hint": "One or two sentences"})],
        **fields,
    )
    if locale is not None:
        exercise.locale = locale
    exercise.save()
    return exercise


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


def segment(module_number, segment_number, language="en"):
    return SegmentPage.objects.get(
        number=segment_number,
        locale__language_code=language,
        path__startswith=ModulePage.objects.get(number=module_number, locale__language_code=language).path,
    )


def module(module_number, language="en"):
    return ModulePage.objects.get(number=module_number, locale__language_code=language)


COURSE_SPANISH = {
    "Learning Modules": "Módulos de aprendizaje",
    "learning": "aprendizaje",
}


def spanish_for_module(number):
    return {
        f"Talking so they can hear you {number}": f"Hablar para que le escuchen {number}",
        f"Summary of module {number}": f"Resumen del módulo {number}",
    }


def spanish_for_segment(module_number, number):
    return {
        f"Segment text {module_number}.{number}": f"Texto del segmento {module_number}.{number}",
        f"Private lesson {module_number}.{number}": f"Lección privada {module_number}.{number}",
    }


@pytest.fixture
def a_bilingual_course(a_course, a_spanish_home_page, translate):
    """The course translated into Spanish, parents before children, as wagtail-localize needs."""
    translate(a_course, COURSE_SPANISH)
    for module_page in ModulePage.objects.filter(locale__language_code="en").order_by("number"):
        translate(module_page, spanish_for_module(module_page.number))
        for segment_page in SegmentPage.objects.child_of(module_page).order_by("number"):
            translate(segment_page, spanish_for_segment(module_page.number, segment_page.number))
    return a_course
