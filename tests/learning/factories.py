"""A small course for any app's tests: numbered modules and segments, exercises, and their Spanish.

`ModulePageFactory()` builds its whole line (home page, learning index) when given no parent;
`build_course(home)` is the index with Module 1 and 2, two segments each, that most tests read.
"""

import factory
import wagtail_factories

from learning.models import Exercise, LearningIndexPage, ModulePage, SegmentPage
from tests.home.factories import HomePageFactory

QUESTION = "What did you notice this week?"

COURSE_SPANISH = {
    "Learning Modules": "Módulos de aprendizaje",
    "learning": "aprendizaje",
}


class LearningIndexPageFactory(wagtail_factories.PageFactory):
    title = "Learning Modules"
    slug = "learning"
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = LearningIndexPage


class ModulePageFactory(wagtail_factories.PageFactory):
    """A module; its slug comes from its number (`module-1`), as the model makes it."""

    number = factory.Sequence(lambda number: number + 1)
    title = factory.LazyAttribute(lambda page: f"Talking so they can hear you {page.number}")
    summary = factory.LazyAttribute(lambda page: f"Summary of module {page.number}")
    estimated_minutes = 20
    parent = factory.SubFactory(LearningIndexPageFactory)

    class Meta:
        model = ModulePage


class SegmentPageFactory(wagtail_factories.PageFactory):
    number = 1
    title = factory.LazyAttribute(lambda page: f"Segment text {page.parent.number}.{page.number}")
    body = factory.LazyAttribute(
        lambda page: [("paragraph", f"<p>Private lesson {page.parent.number}.{page.number}</p>")]
    )
    parent = factory.SubFactory(ModulePageFactory)

    class Meta:
        model = SegmentPage


class ExerciseFactory(factory.django.DjangoModelFactory):
    number = factory.Sequence(lambda number: 16 + number)
    title = "Key Observations"
    instructions = "<p>Watch for the good moments.</p>"
    questions = factory.LazyFunction(lambda: [("question", {"question": QUESTION, "hint": "One or two sentences"})])

    class Meta:
        model = Exercise


def add_module(index, number, segments=2, **fields):
    module = ModulePageFactory(parent=index, number=number, **fields)
    for segment_number in range(1, segments + 1):
        add_segment(module, segment_number)
    return module


def add_segment(module, number, body=None, **fields):
    if body is not None:
        fields["body"] = body
    return SegmentPageFactory(parent=module, number=number, **fields)


def build_course(home, modules=2, segments=2):
    index = LearningIndexPageFactory(parent=home)
    for number in range(1, modules + 1):
        add_module(index, number, segments=segments)
    return LearningIndexPage.objects.get(pk=index.pk)


def make_exercise(number=16, title="Key Observations", locale=None, **fields):
    if locale is not None:
        fields["locale"] = locale
    return ExerciseFactory(number=number, title=title, **fields)


def segment(module_number, segment_number, language="en"):
    return SegmentPage.objects.get(
        number=segment_number,
        locale__language_code=language,
        path__startswith=ModulePage.objects.get(number=module_number, locale__language_code=language).path,
    )


def module(module_number, language="en"):
    return ModulePage.objects.get(number=module_number, locale__language_code=language)


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
