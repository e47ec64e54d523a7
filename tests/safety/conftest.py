import pytest

from tests.cms.test_demo_content import load_demo_content


@pytest.fixture
def a_plan_template(django_capture_on_commit_callbacks):
    """The demo's crisis lines and safety plan steps, in English and Spanish, as `load_demo_content` makes them."""

    load_demo_content(django_capture_on_commit_callbacks, "site", "safety")
    from safety.models import SafetyPlanTemplate

    return SafetyPlanTemplate.objects.get(locale__language_code="en")


@pytest.fixture
def a_member(make_user):
    return make_user("hopeful-parent", "Members")


@pytest.fixture
def another_member(make_user):
    return make_user("steady-sibling", "Members")
