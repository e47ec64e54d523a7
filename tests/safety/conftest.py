import io

import pytest
from django.core.management.base import OutputWrapper

from cms import demo as cms_demo
from cms.translation import translate_into_spanish
from safety import demo as safety_demo


class DemoCommand:
    demo_password = "a-demo-password-for-tests"

    def __init__(self):
        self.stdout = OutputWrapper(io.StringIO())


@pytest.fixture
def a_plan_template(django_capture_on_commit_callbacks, monkeypatch):
    """The demo's crisis lines and safety plan steps, in English and Spanish, as `load_demo_content` makes them."""

    def translate_and_commit(instance, spanish, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return translate_into_spanish(instance, spanish, **kwargs)

    for loader in (cms_demo, safety_demo):
        monkeypatch.setattr(loader, "translate_into_spanish", translate_and_commit)
    cms_demo.load(DemoCommand())
    safety_demo.load(DemoCommand())
    from safety.models import SafetyPlanTemplate

    return SafetyPlanTemplate.objects.get(locale__language_code="en")


@pytest.fixture
def a_member(make_user):
    return make_user("hopeful-parent", "Members")


@pytest.fixture
def another_member(make_user):
    return make_user("steady-sibling", "Members")
