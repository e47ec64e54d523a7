"""The translator's screen: the main action is the person's job, destructive actions are tucked away,
nothing is offered that the role cannot do, and "Update from English" lands on the translation."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail_localize.models import TranslationSource

from .conftest import MODULE_SPANISH, client_for, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_spanish_module(a_module, translate, translation_groups):
    return translate(a_module, MODULE_SPANISH)


def footer_of(client, page):
    """(main action's text, [texts of the actions in the dropdown]) of the translation editor."""
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    footer = BeautifulSoup(html, "html.parser").select_one("[data-translation-footer]")
    assert footer is not None, "the translation editor shows our footer"
    main = footer.select_one(".w-dropdown-button > .button, form > .button")
    more = footer.select("[data-w-dropdown-target='content'] .button")
    return main.get_text(" ", strip=True), [item.get_text(" ", strip=True) for item in more]


def test_a_translators_main_action_is_submit_for_review_with_delete_tucked_away(a_spanish_module, a_translator):
    main, more = footer_of(client_for(a_translator), a_spanish_module)
    assert main == "Submit for Spanish review"
    assert "Delete" not in main and "Convert" not in main
    assert not any("Publish" in action for action in more), "translators cannot publish: not offered"
    assert "Stop synced translation" in more
    assert "Delete" not in more or more[-1] == "Delete", "the destructive action comes last"


def test_the_hidden_react_footer_is_replaced_not_doubled(a_spanish_module, a_translator):
    html = client_for(a_translator).get(reverse("wagtailadmin_pages:edit", args=[a_spanish_module.pk])).content
    assert b".js-translation-editor footer.footer { display: none; }" in html
    assert html.count(b"data-translation-footer") == 1


def test_a_reviewer_approves_and_publishes_from_the_translation_editor(
    a_spanish_module, a_translator, a_reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(a_translator).post(reverse("translation_workflow:submit_for_review", args=[a_spanish_module.pk]))
    translator_main, _more = footer_of(client_for(a_translator), a_spanish_module)
    assert translator_main == "Waiting for Spanish review"

    reviewer = client_for(a_reviewer)
    main, more = footer_of(reviewer, a_spanish_module)
    assert main == "Approve and publish"
    assert "Compare with English and request changes" in more
    assert "Publish in Spanish" in more
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(
            reverse("translation_workflow:review", args=[a_spanish_module.pk]), {"action": "approve"}
        )
    assert response.status_code == 302
    a_spanish_module.refresh_from_db()
    assert a_spanish_module.live and not a_spanish_module.has_unpublished_changes


def test_a_reviewer_without_a_review_waiting_publishes_as_the_main_action(a_spanish_module, a_reviewer):
    main, more = footer_of(client_for(a_reviewer), a_spanish_module)
    assert main == "Publish in Spanish"
    assert "Submit for Spanish review" in more


@pytest.fixture
def an_outdated_spanish_module(a_spanish_module, a_module):
    a_module.intro = "Calm words open doors."
    publish(a_module)
    return a_spanish_module


def update_url(page):
    return reverse(
        "wagtail_localize:update_translations", args=[TranslationSource.objects.get(object_id=page.translation_key).pk]
    )


def test_a_translator_is_not_offered_publish_immediately_on_sync(an_outdated_spanish_module, a_module, a_translator):
    html = client_for(a_translator).get(update_url(a_module)).content.decode()
    assert 'name="publish_translations"' not in html


def test_a_reviewer_is_still_offered_publish_immediately_on_sync(an_outdated_spanish_module, a_module, a_reviewer):
    html = client_for(a_reviewer).get(update_url(a_module)).content.decode()
    assert 'name="publish_translations"' in html


def test_after_update_from_english_the_translator_lands_on_the_translation(
    an_outdated_spanish_module, a_module, a_translator
):
    response = client_for(a_translator).post(update_url(a_module), {})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[an_outdated_spanish_module.pk])
