"""Privacy fails closed: Spanish translations are members-only as soon as their English source is."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction
from wagtail_localize.models import TranslationSource

from .conftest import MODULE_SPANISH, add_standard_page, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def members():
    return Group.objects.get_or_create(name="Members")[0]


def restrict_to(page, group):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([group])
    return restriction


def restricted_groups(page):
    return [set(restriction.groups.values_list("name", flat=True)) for restriction in page.view_restrictions.all()]


def test_making_the_english_page_members_only_restricts_the_spanish_at_once(
    a_module, translate, spanish, members, client
):
    spanish_module = translate(a_module, MODULE_SPANISH)
    assert client.get("/es/hablar-sin-culpar/").status_code == 200
    restrict_to(a_module, members)
    assert restricted_groups(spanish_module) == [{"Members"}]
    response = client.get("/es/hablar-sin-culpar/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_changing_and_removing_the_english_restriction_is_mirrored(a_module, translate, members):
    spanish_module = translate(a_module, MODULE_SPANISH)
    restriction = restrict_to(a_module, members)
    staff = Group.objects.create(name="Staff")
    restriction.groups.add(staff)
    assert restricted_groups(spanish_module) == [{"Members", "Staff"}]
    restriction.delete()
    assert restricted_groups(spanish_module) == []


def test_removing_only_the_spanish_restriction_puts_it_back(a_module, translate, members):
    spanish_module = translate(a_module, MODULE_SPANISH)
    restrict_to(a_module, members)
    spanish_module.view_restrictions.all().delete()
    assert restricted_groups(spanish_module) == [{"Members"}]


def test_a_translation_of_a_page_in_a_private_section_is_created_private(
    a_home_page, a_spanish_home_page, translate, members, client
):
    section = add_standard_page(a_home_page, "Members area", "members-area", "For members.")
    translate(
        section,
        {"Members area": "Área de miembros", "members-area": "area-de-miembros", "For members.": "Para miembros."},
    )
    # The section becomes private in English after its translation existed, and before any sync.
    restrict_to(section, members)
    segment = add_standard_page(section, "A quiet talk", "quiet-talk", "Private words.")
    spanish_segment = translate(
        segment,
        {
            "A quiet talk": "Una charla tranquila",
            "quiet-talk": "charla-tranquila",
            "Private words.": "Palabras privadas.",
        },
    )
    assert spanish_segment.get_view_restrictions().exists()
    assert client.get("/es/area-de-miembros/charla-tranquila/").status_code == 302


def restricted_types(page):
    return sorted(restriction.restriction_type for restriction in page.view_restrictions.all())


def test_a_stricter_spanish_restriction_survives_changes_to_the_english_one(a_module, translate, members):
    spanish_module = translate(a_module, MODULE_SPANISH)
    PageViewRestriction.objects.create(page=spanish_module, restriction_type=PageViewRestriction.LOGIN)
    restriction = restrict_to(a_module, members)
    assert restricted_types(spanish_module) == [PageViewRestriction.GROUPS, PageViewRestriction.LOGIN]

    restriction.groups.add(Group.objects.create(name="Staff"))
    assert restricted_types(spanish_module) == [PageViewRestriction.GROUPS, PageViewRestriction.LOGIN]
    assert {"Members", "Staff"} in restricted_groups(spanish_module)
    assert {"Members"} not in restricted_groups(spanish_module), "the old English restriction is replaced"

    restriction.delete()
    assert restricted_types(spanish_module) == [PageViewRestriction.LOGIN]


def test_the_english_restriction_changing_type_replaces_the_spanish_copy(a_module, translate):
    spanish_module = translate(a_module, MODULE_SPANISH)
    restriction = PageViewRestriction.objects.create(
        page=a_module, restriction_type=PageViewRestriction.PASSWORD, password="family"
    )
    assert restricted_types(spanish_module) == [PageViewRestriction.PASSWORD]
    restriction.restriction_type = PageViewRestriction.LOGIN
    restriction.password = ""
    restriction.save()
    assert restricted_types(spanish_module) == [PageViewRestriction.LOGIN]


def test_a_private_english_page_is_translated_into_a_private_spanish_page_before_any_sync(
    a_module, translate, members, client, spanish
):
    restrict_to(a_module, members)
    spanish_module = translate(a_module, MODULE_SPANISH, publish=False)
    assert restricted_groups(spanish_module) == [{"Members"}], "private from the moment it exists"
    spanish_module.save_revision().publish()
    response = client.get("/es/hablar-sin-culpar/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_deleting_the_english_page_leaves_its_translation_private(a_module, translate, members):
    spanish_module = translate(a_module, MODULE_SPANISH)
    restrict_to(a_module, members)
    a_module.delete()
    assert restricted_groups(spanish_module) == [{"Members"}]


def sync(client, page):
    source = TranslationSource.objects.get(object_id=page.translation_key)
    return client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {})


def test_syncing_keeps_the_spanish_pages_own_restriction(a_module, translate, members, a_translator):
    spanish_module = translate(a_module, MODULE_SPANISH)
    PageViewRestriction.objects.create(page=spanish_module, restriction_type=PageViewRestriction.LOGIN)
    assert sync(client_for(a_translator), a_module).status_code == 302
    assert restricted_types(spanish_module) == [PageViewRestriction.LOGIN], "the English page has none"

    restrict_to(a_module, members)
    assert sync(client_for(a_translator), a_module).status_code == 302
    assert restricted_types(spanish_module) == [PageViewRestriction.GROUPS, PageViewRestriction.LOGIN]


def test_publishing_in_spanish_keeps_the_spanish_pages_own_restriction(
    a_module, translate, a_reviewer, django_capture_on_commit_callbacks
):
    spanish_module = translate(a_module, MODULE_SPANISH, publish=False)
    PageViewRestriction.objects.create(page=spanish_module, restriction_type=PageViewRestriction.LOGIN)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(a_reviewer).post(reverse("wagtailadmin_pages:edit", args=[spanish_module.pk]), {"action": "publish"})
    assert Page.objects.get(pk=spanish_module.pk).live
    assert restricted_types(spanish_module) == [PageViewRestriction.LOGIN]
