"""The Member Directory and profile pages: members only, opt-in, never an email address."""

import re

import pytest
from django.contrib.auth.models import Group
from django.template import Template

from members import registry
from members.models import Relationship
from members.services import set_suspended

pytestmark = pytest.mark.django_db

LISTED_NAME = re.compile(r'class="member-card__name"[^>]*>([^<]+)<')


def listed_names(client, **query):
    return LISTED_NAME.findall(client.get("/members/", query).content.decode())


@pytest.fixture
def neighbours(make_member):
    return {
        "listed": make_member("steady_oak", display_name="Steady Oak", relationship=Relationship.PARTNER),
        "hidden": make_member("private_fern", listed=False, relationship=Relationship.SIBLING),
        "spanish": make_member("luz_del_sur", display_name="Luz del Sur", language="es"),
    }


@pytest.mark.parametrize("path", ["/members/", "/members/steady_oak/", "/es/miembros/", "/members/steady_oak/picture/"])
def test_anonymous_visitors_are_sent_to_log_in(client, neighbours, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith("/es/cuentas/login/" if path.startswith("/es/") else "/accounts/login/")
    assert "Steady Oak" not in response.content.decode()


def test_logged_in_accounts_without_member_access_get_a_403_that_explains(client, make_user):
    client.force_login(make_user("editor", "Editors"))
    response = client.get("/members/")
    assert response.status_code == 403
    assert "For members only" in response.content.decode()


def test_the_directory_lists_only_members_who_opted_in(member_client, neighbours):
    assert listed_names(member_client) == ["Luz del Sur", "Quiet Harbor", "Steady Oak"]


def test_suspended_members_leave_the_directory(member_client, neighbours):
    set_suspended(neighbours["listed"].member_profile, True)
    assert "Steady Oak" not in listed_names(member_client)
    assert member_client.get("/members/steady_oak/").status_code == 404


@pytest.mark.usefixtures("a_shared_cache")
def test_the_kept_directory_follows_every_change_to_who_is_listed_at_once(member_client, neighbours, make_member):
    """The unfiltered directory is kept for every member (members/views.py): a new member, a
    deactivated account, a left group and a changed pseudonym all show at the next view."""
    assert listed_names(member_client) == ["Luz del Sur", "Quiet Harbor", "Steady Oak"]
    make_member("calm_river", display_name="Calm River")
    assert listed_names(member_client) == ["Calm River", "Luz del Sur", "Quiet Harbor", "Steady Oak"]

    neighbours["spanish"].is_active = False
    neighbours["spanish"].save(update_fields=["is_active"])
    neighbours["listed"].groups.clear()
    assert listed_names(member_client) == ["Calm River", "Quiet Harbor"]

    profile = neighbours["listed"].member_profile
    neighbours["listed"].groups.add(*Group.objects.filter(name="Members"))
    profile.display_name = "Oak, Steady"
    profile.save()
    assert listed_names(member_client) == ["Calm River", "Oak, Steady", "Quiet Harbor"]


def test_the_directory_is_searchable_by_name_and_filterable_by_relationship(member_client, neighbours):
    assert listed_names(member_client, q="oak") == ["Steady Oak"]
    assert listed_names(member_client, q="luz_del") == ["Luz del Sur"]  # usernames match too
    assert listed_names(member_client, relationship=Relationship.PARTNER) == ["Steady Oak"]
    assert listed_names(member_client, q="fern") == []
    assert "No members match your search." in member_client.get("/members/", {"q": "fern"}).content.decode()


def test_an_invalid_filter_is_ignored_rather_than_failing(member_client, neighbours):
    response = member_client.get("/members/", {"relationship": "enemy", "q": "x" * 500, "page": "zzz"})
    assert response.status_code == 200


def test_email_addresses_never_appear_on_member_pages(member_client, neighbours):
    for path in ["/members/", "/members/steady_oak/", "/members/quiet_harbor/", "/members/me/"]:
        html = member_client.get(path).content.decode()
        assert "@example.org" not in html, path


def test_a_listed_profile_shows_name_relationship_bio_and_join_date(member_client, make_member):
    make_member("steady_oak", display_name="Steady Oak", relationship=Relationship.PARTNER, bio="One day at a time.")
    response = member_client.get("/members/STEADY_OAK/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Steady Oak" in html
    assert "Partner or spouse" in html
    assert "One day at a time." in html
    assert "Member since" in html
    assert "No recent activity to show yet." in html


def test_a_profile_that_did_not_opt_in_is_a_404_for_others(member_client, neighbours):
    assert member_client.get("/members/private_fern/").status_code == 404
    assert member_client.get("/members/nobody_at_all/").status_code == 404


def test_members_can_see_their_own_profile_even_when_not_listed(client, neighbours):
    client.force_login(neighbours["hidden"])
    response = client.get("/members/private_fern/")
    assert response.status_code == 200
    assert "Only you can see this page" in response.content.decode()


def test_profile_text_is_escaped(member_client, make_member):
    make_member("steady_oak", bio="<script>alert(1)</script>")
    html = member_client.get("/members/steady_oak/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_other_apps_add_activity_to_profiles_through_the_registry(member_client, neighbours, monkeypatch):
    monkeypatch.setattr(registry.activity, "_providers", dict(registry.activity._providers))
    items = Template("<ul>{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul>")

    def answered_questions(member, viewer):
        if viewer == member:
            return None
        return {"title": "Questions answered", "template": items, "items": [f"A question from {member.username}"]}

    registry.activity.register("answered_questions", answered_questions)
    html = member_client.get("/members/steady_oak/").content.decode()
    assert "Questions answered" in html
    assert "A question from steady_oak" in html
    assert "No recent activity" not in html
    assert "Questions answered" not in member_client.get("/members/quiet_harbor/").content.decode()


def test_the_directory_is_paginated_keeping_the_search(member_client, make_member):
    for number in range(30):
        make_member(f"member_{number:02}", relationship=Relationship.FRIEND)
    first = member_client.get("/members/", {"relationship": Relationship.FRIEND}).content.decode()
    assert "Page 1 of 2" in first
    assert "relationship=friend&amp;page=2" in first
    second = member_client.get("/members/", {"relationship": Relationship.FRIEND, "page": 2}).content.decode()
    assert "member_29" in second and "member_00" not in second


@pytest.mark.parametrize("count", [3, 40])
def test_the_directory_costs_the_same_queries_however_many_members(
    production_caching, member_client, make_member, django_assert_max_num_queries, count
):
    for number in range(count):
        make_member(f"member_{number:02}")
    member_client.get("/members/")  # the page chrome is cached by a first visitor
    with django_assert_max_num_queries(10):
        response = member_client.get("/members/")
    assert response.status_code == 200


def test_the_directory_in_spanish(member_client, neighbours):
    html = member_client.get("/es/miembros/").content.decode()
    assert "Directorio de miembros" in html
    assert "Pareja o cónyuge" in html
