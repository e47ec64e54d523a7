"""Members in the Wagtail admin: editors list, search, filter and suspend; translators see nothing."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.test import Client
from wagtail.users.models import UserProfile

from members.models import MemberProfile
from tests.members.factories import PASSWORD

pytestmark = pytest.mark.django_db

INDEX = "/admin/member_profiles/"


@pytest.fixture
def editor_client(client, an_editor):
    client.force_login(an_editor)
    return client


@pytest.fixture
def a_translator(make_user):
    translator = make_user("translator", "Translators")
    translator.groups.get().permissions.add(Permission.objects.get(codename="access_admin"))
    return translator


@pytest.fixture
def members(make_member):
    return [
        make_member("steady_oak", display_name="Steady Oak"),
        make_member("private_fern", listed=False),
    ]


def test_editors_see_members_with_profile_and_account_status(editor_client, members, make_user):
    make_user("unverified_pine")  # signed up, never confirmed: no Members group, not verified
    response = editor_client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Steady Oak" in html and "private_fern" in html and "unverified_pine" in html
    rows = {profile.user.username: profile for profile in response.context["object_list"]}
    assert rows["steady_oak"].is_verified and rows["steady_oak"].in_members_group
    assert not rows["unverified_pine"].is_verified and not rows["unverified_pine"].in_members_group
    assert "@example.org" not in html


def test_editors_search_and_filter_members(editor_client, members):
    found = editor_client.get(INDEX, {"q": "fern"}).context["object_list"]
    assert [p.user.username for p in found] == ["private_fern"]
    listed = editor_client.get(INDEX, {"show_in_directory": "true"}).context["object_list"]
    assert [p.user.username for p in listed] == ["steady_oak"]


def test_editors_suspend_and_reinstate_a_member(editor_client, members):
    profile = members[0].member_profile
    edit = f"{INDEX}edit/{profile.pk}/"
    response = editor_client.post(edit, {"suspended": "on", "suspension_note": "Shared another member's details"})
    assert response.status_code == 302
    profile.refresh_from_db()
    profile.user.refresh_from_db()
    assert profile.suspended and profile.suspended_at and not profile.user.is_active
    login = Client().post("/accounts/login/", {"login": "steady_oak", "password": PASSWORD})
    assert login.url == "/accounts/inactive/"

    editor_client.post(edit, {"suspension_note": ""})
    profile.refresh_from_db()
    profile.user.refresh_from_db()
    assert not profile.suspended and profile.user.is_active


def test_accounts_are_never_created_or_deleted_from_the_admin(editor_client, admin_client, members):
    profile = members[0].member_profile
    for client in (editor_client, admin_client):
        assert client.get(f"{INDEX}new/").status_code in (302, 403, 404)
        client.post(f"{INDEX}delete/{profile.pk}/")
    assert MemberProfile.objects.filter(pk=profile.pk).exists()


def test_translators_cannot_see_members(client, a_translator, members):
    client.force_login(a_translator)
    assert "member_profiles" not in client.get("/admin/").content.decode()
    for path in [
        INDEX,
        f"{INDEX}edit/{members[0].member_profile.pk}/",
        f"{INDEX}inspect/{members[0].member_profile.pk}/",
    ]:
        response = client.get(path)
        assert response.status_code in (302, 403), path
        assert "steady_oak" not in response.content.decode()


def test_staff_without_names_can_switch_their_admin_language(editor_client, an_editor):
    """Wagtail's Account page saves all its panels at once, and required the names nobody gave."""
    assert not an_editor.first_name and not an_editor.last_name
    form = BeautifulSoup(editor_client.get("/admin/account/").content, "html.parser").select_one("main form")
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.get("type") == "file":
            continue
        if field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[field["name"]] = chosen["value"] if chosen else ""
        else:
            data[field["name"]] = field.get("value", field.get_text())
    data["locale-preferred_language"] = "es"
    response = editor_client.post("/admin/account/", data)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")
    assert UserProfile.get_for_user(an_editor).preferred_language == "es"
