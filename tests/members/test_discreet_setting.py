"""Discreet emails: on for every new profile, a choice in the member's profile, in both languages."""

import pytest

from members.services import profile_for

pytestmark = pytest.mark.django_db


def test_a_new_member_has_discreet_emails_and_can_turn_them_off(member_client, a_member):
    assert profile_for(a_member).discreet_mail is True
    page = member_client.get("/members/me/").content.decode()
    assert 'name="discreet_mail"' in page and "An update from your account" in page
    profile = profile_for(a_member)
    data = {
        "display_name": profile.display_name,
        "relationship": profile.relationship,
        "bio": profile.bio,
        "preferred_language": "en",
        "time_zone": "",
        "expand_content_notes": "False",
        "notify_replies": "on",
    }
    assert member_client.post("/members/me/", data).status_code == 302
    profile.refresh_from_db()
    assert profile.discreet_mail is False


def test_the_setting_is_explained_in_spanish(member_client):
    page = member_client.get("/es/miembros/mi-perfil/").content.decode()
    assert "correos discretos" in page.lower() and "Una actualización de su cuenta" in page
