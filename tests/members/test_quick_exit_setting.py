"""A member may switch "Exit this page" off in their profile (issue 18): it then leaves every page."""

import pytest

from members.models import MemberProfile
from tests.members.test_profile import profile_data

pytestmark = pytest.mark.django_db


def test_a_new_member_has_the_exit_button_on_every_page(member_client, a_member):
    assert a_member.member_profile.quick_exit is True
    page = member_client.get("/members/me/").content.decode()
    assert "data-quick-exit" in page and 'rel="noreferrer"' in page


def test_a_member_who_switches_it_off_no_longer_sees_it_and_can_switch_it_on_again(member_client, a_member):
    response = member_client.post("/members/me/", profile_data())
    assert response.status_code == 302
    assert MemberProfile.objects.get(user=a_member).quick_exit is False
    assert "data-quick-exit" not in member_client.get("/members/").content.decode()
    assert "data-quick-exit" not in member_client.get("/es/miembros/mi-perfil/").content.decode()

    member_client.post("/members/me/", profile_data(quick_exit="on"))
    assert MemberProfile.objects.get(user=a_member).quick_exit is True
    assert "data-quick-exit" in member_client.get("/members/").content.decode()


def test_the_switch_is_a_checkbox_before_its_label_without_a_colon_in_both_languages(member_client):
    for path, label in (
        ("/members/me/", "Show the “Exit this page” button"),
        ("/es/miembros/mi-perfil/", "Mostrar el botón “Salir de esta página”"),
    ):
        page = member_client.get(path).content.decode()
        checkbox = page.index('type="checkbox" name="quick_exit"')
        label_at = page.index(f'<label for="id_quick_exit">{label}</label>')
        assert checkbox < label_at, "the checkbox comes first, its label beside it"
        assert f"{label}:" not in page


def test_the_account_pages_navigation_has_its_own_name_beside_the_header_one(member_client):
    """axe's landmark-unique: two navigations both called "Your account" on every member page."""
    page = member_client.get("/members/me/").content.decode()
    assert page.count('aria-label="Your account"') == 1
    assert 'aria-label="Account settings"' in page
