"""A small English section (a module page with two segment pages) and the translation roles."""

import pytest
from django.test import Client
from wagtail.models import Page

from cms.roles import SPANISH_REVIEWERS, TRANSLATORS, apply_roles
from tests.home.factories import StandardPageFactory, publish
from tests.members.factories import PASSWORD

MODULE_SPANISH = {
    "Talking without blame": "Hablar sin culpar",
    "talking-without-blame": "hablar-sin-culpar",
    "Calm words open doors that arguments close.": "Las palabras tranquilas abren puertas que las discusiones cierran.",
}


def add_standard_page(parent, title, slug, intro):
    return publish(StandardPageFactory(parent=parent, title=title, slug=slug, intro=intro, locale=parent.locale))


@pytest.fixture
def translation_groups(a_spanish_home_page):
    return apply_roles()


@pytest.fixture
def a_translator(make_user, translation_groups):
    return make_user("translator", TRANSLATORS)


@pytest.fixture
def a_reviewer(make_user, translation_groups):
    return make_user("reviewer", SPANISH_REVIEWERS)


@pytest.fixture
def a_module(a_home_page):
    """An English module page with two segments, like a learning module will have."""
    module = add_standard_page(
        a_home_page, "Talking without blame", "talking-without-blame", "Calm words open doors that arguments close."
    )
    add_standard_page(module, "Choosing a calm moment", "calm-moment", "Pick a time when your loved one is sober.")
    add_standard_page(module, "Using I statements", "i-statements", "Say how you feel, not what they did wrong.")
    return Page.objects.get(pk=module.pk).specific


def client_for(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def is_refused(response):
    """Wagtail's admin turns PermissionDenied into a redirect to the dashboard with an error message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")
