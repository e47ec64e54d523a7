import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage
from learning.models import Exercise, LearningIndexPage, ModulePage, SegmentPage

from .factories import add_module, make_exercise, module, segment

pytestmark = pytest.mark.django_db


class TestCourseTree(WagtailPageTestCase):
    def test_the_learning_index_sits_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(LearningIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(LearningIndexPage, {ModulePage})

    def test_modules_sit_only_under_the_index_and_hold_only_segments(self):
        self.assertAllowedParentPageTypes(ModulePage, {LearningIndexPage})
        self.assertAllowedSubpageTypes(ModulePage, {SegmentPage})

    def test_segments_sit_only_under_a_module_and_have_no_children(self):
        self.assertAllowedParentPageTypes(SegmentPage, {ModulePage})
        self.assertAllowedSubpageTypes(SegmentPage, set())


def test_there_is_one_learning_index_per_home_page(a_course):
    assert not LearningIndexPage.can_create_at(a_course.get_parent())


def test_urls_carry_the_numbers_in_both_languages(a_bilingual_course):
    assert segment(1, 2).url == "/learning/module-1/segment-2/"
    assert segment(2, 1, "es").url == "/es/aprendizaje/modulo-2/segmento-1/"
    assert module(2, "es").number == 2


def test_renumbering_a_module_moves_its_url_and_its_segments(a_course):
    page = module(2)
    page.number = 7
    page.save_revision().publish()
    assert module(7).url == "/learning/module-7/"
    assert segment(7, 1).url == "/learning/module-7/segment-1/"


def test_numbers_are_synchronised_not_translated(a_bilingual_course, translate):
    from .factories import spanish_for_module

    page = module(2)
    page.number = 5
    page.save_revision().publish()
    translate(page, spanish_for_module(2))
    assert module(5, "es").url == "/es/aprendizaje/modulo-5/"


def test_exercise_question_ids_are_shared_by_the_translation(a_spanish_home_page, translate):
    from .factories import QUESTION

    exercise = make_exercise()
    spanish = translate(
        exercise,
        {
            "Key Observations": "Observaciones clave",
            "Watch for the good moments.": "Fíjese en los buenos momentos.",
            QUESTION: "¿Qué notó esta semana?",
            "One or two sentences": "Una o dos frases",
        },
    )
    assert spanish.number == 16
    assert spanish.question_ids() == exercise.question_ids()
    assert spanish.questions[0].value["question"] == "¿Qué notó esta semana?"


def module_form(number, title="Another module"):
    return nested_form_data(
        {
            "title": title,
            "number": number,
            "summary": "A summary",
            "estimated_minutes": 10,
            "learning_goals": streamfield([]),
            "action-publish": "publish",
        }
    )


def test_an_editor_creates_a_module_and_its_slug_comes_from_its_number(a_course, admin_client):
    response = admin_client.post(f"/admin/pages/add/learning/modulepage/{a_course.pk}/", module_form(3))
    assert response.status_code == 302
    assert module(3).url == "/learning/module-3/"


def test_a_duplicate_module_number_is_refused_with_a_clear_error(a_course, admin_client):
    response = admin_client.post(f"/admin/pages/add/learning/modulepage/{a_course.pk}/", module_form(2))
    assert response.status_code == 200
    assert "Module 2 already exists in this course. Choose another number." in response.content.decode()
    assert ModulePage.objects.count() == 2


def test_renumbering_a_segment_onto_a_sibling_is_refused_with_a_clear_error(a_course, admin_client):
    page = segment(1, 2)
    data = nested_form_data(
        {
            "title": page.title,
            "number": 1,
            "video_url": "",
            "body": streamfield([("paragraph", rich_text("<p>Text</p>"))]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    assert "Segment 1 already exists in this module. Choose another number." in response.content.decode()
    assert segment(1, 2).pk == page.pk


def test_the_same_segment_number_is_fine_in_another_module(a_course):
    assert segment(1, 1).number == segment(2, 1).number == 1


def test_a_duplicate_exercise_number_is_refused_with_a_clear_error(a_home_page, admin_client):
    make_exercise(number=16)
    data = nested_form_data(
        {
            "number": 16,
            "title": "Another exercise",
            "instructions": rich_text("<p>Do this.</p>"),
            "questions": streamfield([("question", {"question": "Why?", "hint": ""})]),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post("/admin/snippets/learning/exercise/add/", data)
    assert response.status_code == 200
    assert "Exercise #16 already exists. Choose another number." in response.content.decode()
    assert Exercise.objects.count() == 1


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/learning/1/2/", "/learning/module-1/segment-2/"),
        ("/learning/2/", "/learning/module-2/"),
        ("/es/learning/1/2/", "/es/aprendizaje/modulo-1/segmento-2/"),
        ("/es/learning/2/", "/es/aprendizaje/modulo-2/"),
        ("/learning/exercises/16/", "/learning/exercise-16/"),
        ("/es/learning/exercises/16/", "/es/aprendizaje/ejercicio-16/"),
    ],
)
def test_short_routes_redirect_to_the_page_in_the_current_language(
    a_bilingual_course, an_exercise, client, path, target
):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize("path", ["/learning/9/", "/learning/1/9/", "/learning/exercises/99/"])
def test_short_routes_to_nothing_are_not_found(a_course, client, path):
    assert client.get(path).status_code == 404


def test_a_short_route_skips_an_unpublished_segment(a_course, client):
    segment(1, 2).unpublish()
    assert client.get("/learning/1/2/").status_code == 404


def test_the_home_page_accepts_the_learning_index(a_home_page):
    assert LearningIndexPage in a_home_page.specific_class.allowed_subpage_models()
    assert isinstance(Page.objects.get(pk=a_home_page.pk).specific, HomePage)


def test_a_module_page_needs_a_summary_and_time(a_course):
    with pytest.raises(Exception, match="summary"):
        add_module(a_course, 9, summary="")
