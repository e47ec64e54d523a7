import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction

from learning.models import Exercise, LearningIndexPage, ModulePage, SegmentPage
from tests.cms.test_demo_content import load_demo_content

pytestmark = pytest.mark.django_db


def load_learning_demo(django_capture_on_commit_callbacks):
    load_demo_content(django_capture_on_commit_callbacks, "site", "members", "home", "learning")


def test_the_demo_course_is_complete_bilingual_members_only_and_idempotent(
    demo, django_capture_on_commit_callbacks, monkeypatch, client
):
    counts = (ModulePage.objects.count(), SegmentPage.objects.count(), Exercise.objects.count())
    question_ids = sorted(Exercise.objects.get(number=1, locale__language_code="en").question_ids())
    load_learning_demo(django_capture_on_commit_callbacks)

    assert (ModulePage.objects.count(), SegmentPage.objects.count(), Exercise.objects.count()) == counts
    assert sorted(Exercise.objects.get(number=1, locale__language_code="en").question_ids()) == question_ids
    # Four modules, ten segments and three exercises in both languages, and a fifth module of two
    # segments in English only: the translators' work waiting in the demo.
    assert counts == (9, 22, 6)
    for language, module_count in (("en", 5), ("es", 4)):
        index = LearningIndexPage.objects.get(locale__language_code=language)
        assert index.live and index.show_in_menus
        assert PageViewRestriction.objects.filter(page=index, groups__name="Members").exists()
        modules = ModulePage.objects.child_of(index).live()
        assert modules.count() == module_count
        for module in modules:
            assert 2 <= SegmentPage.objects.child_of(module).live().count() <= 4
            assert module.hero_image.credit
    assert client.get("/es/aprendizaje/modulo-1/segmento-3/").status_code == 302  # members only
    client.force_login(get_user_model().objects.get(username="member"))
    response = client.get("/es/aprendizaje/modulo-1/segmento-3/")
    assert response.status_code == 200
    assert "Observaciones clave" in response.content.decode()
