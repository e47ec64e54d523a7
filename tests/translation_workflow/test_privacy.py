"""Privacy fails closed: Spanish translations are members-only as soon as their English source is."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from .conftest import MODULE_SPANISH, add_standard_page

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
