"""A translator translates what is published, never an English draft they may not see (issue 14)."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction
from wagtail_localize.models import TranslationSource

from cms.membership import MEMBERS_GROUP
from home.models import StandardPage

from .conftest import client_for, is_refused

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Draft: when a relapse happens at home"


def submit_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def add_draft(parent, title=DRAFT_TITLE, slug="relapse-draft"):
    """An English page saved as a draft and never published, members-only like the course."""
    draft = parent.add_child(
        instance=StandardPage(title=title, slug=slug, intro="Not ready for anyone yet.", live=False)
    )
    draft.save_revision()
    restriction = PageViewRestriction.objects.create(page=draft, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name=MEMBERS_GROUP)[0])
    return draft


@pytest.fixture
def an_english_draft(a_home_page, a_spanish_home_page, translation_groups):
    return add_draft(a_home_page)


def test_a_translator_cannot_see_or_translate_an_unpublished_members_only_page(an_english_draft, a_translator, spanish):
    client = client_for(a_translator)
    response = client.get(submit_url(an_english_draft))
    assert is_refused(response)
    assert DRAFT_TITLE not in response.content.decode()
    assert is_refused(client.post(submit_url(an_english_draft), {"locales": [spanish.pk]}))
    assert an_english_draft.get_translation_or_none(spanish) is None
    assert not TranslationSource.objects.filter(object_id=an_english_draft.translation_key).exists()


def test_an_editor_may_still_translate_their_own_draft(an_english_draft, an_editor, spanish):
    response = client_for(an_editor).post(submit_url(an_english_draft), {"locales": [spanish.pk]})
    assert response.status_code == 302
    assert an_english_draft.get_translation_or_none(spanish) is not None


def test_the_root_page_is_not_found_for_everyone_instead_of_a_server_error(
    a_translator, an_editor, admin_user, spanish, translation_groups
):
    root = Page.get_first_root_node()
    for user in (a_translator, an_editor, admin_user):
        client = Client()
        client.force_login(user)
        assert client.get(submit_url(root)).status_code == 404, user.username
        assert client.post(submit_url(root), {"locales": [spanish.pk]}).status_code == 404, user.username
    assert not Page.objects.filter(depth=1, locale=spanish).exists()


def test_including_the_subtree_leaves_out_the_drafts_a_translator_may_not_see(a_module, a_translator, spanish):
    draft = add_draft(a_module, title="Draft segment", slug="draft-segment")
    add_standard_page_under_draft = draft.add_child(
        instance=StandardPage(title="Under the draft", slug="under-draft", intro="Hidden too.", live=False)
    )
    response = client_for(a_translator).post(
        submit_url(a_module), {"locales": [spanish.pk], "include_subtree": "on"}, follow=True
    )
    assert response.status_code == 200
    assert "2 pages under it are drafts you cannot see" in response.content.decode()
    spanish_module = a_module.get_translation(spanish)
    translated_titles = set(spanish_module.get_children().values_list("title", flat=True))
    assert translated_titles == {"Choosing a calm moment", "Using I statements"}
    for hidden in (draft, add_standard_page_under_draft):
        assert hidden.get_translation_or_none(spanish) is None
        assert not TranslationSource.objects.filter(object_id=hidden.translation_key).exists()


def test_a_translator_cannot_sync_or_preview_a_spanish_page_made_from_an_english_draft(
    an_english_draft, an_editor, a_translator, spanish
):
    client_for(an_editor).post(submit_url(an_english_draft), {"locales": [spanish.pk]})
    spanish_page = an_english_draft.get_translation(spanish)
    source = TranslationSource.objects.get(object_id=an_english_draft.translation_key)
    translator = client_for(a_translator)
    assert is_refused(translator.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {}))
    response = translator.get(reverse("translation_workflow:review_preview", args=[spanish_page.pk, "english"]))
    assert is_refused(response)
    assert DRAFT_TITLE not in response.content.decode()


def test_a_translator_still_translates_published_members_only_pages(a_module, a_translator, spanish):
    restriction = PageViewRestriction.objects.create(page=a_module, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name=MEMBERS_GROUP)[0])
    client = client_for(a_translator)
    assert client.get(submit_url(a_module)).status_code == 200
    assert client.post(submit_url(a_module), {"locales": [spanish.pk]}).status_code == 302
    assert a_module.get_translation(spanish).title == "Talking without blame"
