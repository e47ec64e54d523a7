import pytest
from django.core.management.base import OutputWrapper
from wagtail.models import PageViewRestriction

from cms import demo as cms_demo
from cms.translation import translate_into_spanish
from home import demo as home_demo
from learning import demo as learning_demo
from learning.models import Exercise, LearningIndexPage, ModulePage, SegmentPage

pytestmark = pytest.mark.django_db


class DemoCommand:
    demo_password = "a-demo-password-for-tests"

    def __init__(self):
        import io

        self.stdout = OutputWrapper(io.StringIO())


def load_learning_demo(django_capture_on_commit_callbacks, monkeypatch):
    """Run the loaders as `load_demo_content` does, each translation committed before the next.

    In a test everything runs in one transaction; running the on-commit publish after each
    translation stands in for the commit of its `transaction.atomic()` block.
    """
    command = DemoCommand()

    def translate_and_commit(instance, spanish, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return translate_into_spanish(instance, spanish, **kwargs)

    for loader in (cms_demo, home_demo, learning_demo):
        monkeypatch.setattr(loader, "translate_into_spanish", translate_and_commit)
    for loader in (cms_demo, home_demo, learning_demo):
        loader.load(command)


def test_the_demo_course_is_complete_bilingual_members_only_and_idempotent(
    django_capture_on_commit_callbacks, monkeypatch, client
):
    load_learning_demo(django_capture_on_commit_callbacks, monkeypatch)
    counts = (ModulePage.objects.count(), SegmentPage.objects.count(), Exercise.objects.count())
    question_ids = sorted(Exercise.objects.get(number=1, locale__language_code="en").question_ids())
    load_learning_demo(django_capture_on_commit_callbacks, monkeypatch)

    assert (ModulePage.objects.count(), SegmentPage.objects.count(), Exercise.objects.count()) == counts
    assert sorted(Exercise.objects.get(number=1, locale__language_code="en").question_ids()) == question_ids
    assert counts == (8, 20, 6)  # four modules, ten segments, three exercises, in two languages
    for language in ("en", "es"):
        index = LearningIndexPage.objects.get(locale__language_code=language)
        assert index.live and index.show_in_menus
        assert PageViewRestriction.objects.filter(page=index, groups__name="Members").exists()
        modules = ModulePage.objects.child_of(index).live()
        assert modules.count() == 4
        for module in modules:
            assert 2 <= SegmentPage.objects.child_of(module).live().count() <= 4
            assert module.hero_image.credit
    assert client.get("/es/aprendizaje/modulo-1/segmento-3/").status_code == 302  # members only
    client.force_login(cms_demo.get_user_model().objects.get(username="member"))
    response = client.get("/es/aprendizaje/modulo-1/segmento-3/")
    assert response.status_code == 200
    assert "Observaciones clave" in response.content.decode()
