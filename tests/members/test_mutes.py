"""The member's own list of muted members, muting from a profile, and mutes in the data download and deletion."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib import admin
from django.contrib.auth import get_user_model
from wagtail.snippets.models import get_snippet_models

from members.models import Mute
from tests.members.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def steady_oak(make_member):
    return make_member("steady_oak", display_name="Steady Oak")


@pytest.fixture
def river_stone(make_member):
    return make_member("river.stone", display_name="River Stone", listed=False)


def test_the_profile_lists_the_members_i_muted_and_unmutes_one(member_client, a_member, steady_oak, river_stone):
    Mute.objects.create(muter=a_member, muted=steady_oak)
    kept = Mute.objects.create(muter=a_member, muted=river_stone)
    page = BeautifulSoup(member_client.get("/members/me/").content, "html.parser")
    section = page.find(id="muted")
    assert [item.bdi.get_text() for item in section.find_all("li")] == ["River Stone", "Steady Oak"]
    form = section.find("li").form
    assert form["action"] == f"/members/me/muted/{kept.pk}/unmute/"
    assert form.button["aria-label"] == "Unmute River Stone"

    response = member_client.post(form["action"])
    assert response.url == "/members/me/#muted"
    assert list(Mute.objects.filter(muter=a_member).values_list("muted__username", flat=True)) == ["steady_oak"]
    assert "Unmuted. Their comments show in full again." in member_client.get(response.url).content.decode()


def test_the_list_is_empty_and_in_spanish(member_client):
    html = member_client.get("/es/miembros/mi-perfil/").content.decode()
    assert "Personas que usted silenció" in html
    assert "No ha silenciado a nadie." in html


def test_nobody_can_unmute_on_someone_elses_behalf(client, a_member, steady_oak, river_stone):
    theirs = Mute.objects.create(muter=steady_oak, muted=river_stone)
    client.force_login(a_member)
    client.post(f"/members/me/muted/{theirs.pk}/unmute/")
    assert Mute.objects.filter(pk=theirs.pk).exists()


def test_unmuting_never_redirects_off_the_site(member_client, a_member, steady_oak):
    mute = Mute.objects.create(muter=a_member, muted=steady_oak)
    response = member_client.post(f"/members/me/muted/{mute.pk}/unmute/", {"next": "https://evil.example/"})
    assert response.url == "/members/me/#muted"


def test_a_member_mutes_and_unmutes_from_a_listed_profile(member_client, a_member, steady_oak, mailoutbox):
    page = BeautifulSoup(member_client.get("/members/steady_oak/").content, "html.parser")
    form = page.find(id="mute").form
    assert form["action"] == "/members/steady_oak/mute/"
    response = member_client.post(form["action"])
    assert response.url == "/members/steady_oak/"
    mute = Mute.objects.get(muter=a_member, muted=steady_oak)
    assert mailoutbox == []

    page = BeautifulSoup(member_client.get("/members/steady_oak/").content, "html.parser")
    form = page.find(id="mute").form
    assert "You muted this member" in form.get_text()
    response = member_client.post(form["action"], {"next": form.find("input", attrs={"name": "next"})["value"]})
    assert response.url == "/members/steady_oak/#mute"
    assert not Mute.objects.filter(pk=mute.pk).exists()


def test_no_mute_control_on_ones_own_profile_and_hidden_profiles_stay_hidden(member_client, a_member, river_stone):
    assert BeautifulSoup(member_client.get("/members/quiet_harbor/").content, "html.parser").find(id="mute") is None
    assert member_client.post("/members/river.stone/mute/").status_code == 404
    assert not Mute.objects.exists()


def test_the_team_cannot_be_muted_from_its_profile(member_client, make_member):
    make_member("moderator", display_name="Moderation", groups=("Members", "Moderators"))
    assert BeautifulSoup(member_client.get("/members/moderator/").content, "html.parser").find(id="mute") is None
    assert member_client.post("/members/moderator/mute/").status_code == 404
    assert not Mute.objects.exists()


def test_moderators_have_no_screen_that_lists_mutes():
    assert not admin.site.is_registered(Mute)
    assert Mute not in get_snippet_models()


def test_the_download_holds_my_mutes_but_not_who_muted_me(member_client, a_member, steady_oak, river_stone):
    Mute.objects.create(muter=a_member, muted=steady_oak)
    Mute.objects.create(muter=river_stone, muted=a_member)
    data = json.loads(member_client.get("/members/me/data/").content)
    assert [mute["name"] for mute in data["muted_members"]] == ["Steady Oak"]
    assert "River Stone" not in json.dumps(data)


def test_deleting_an_account_removes_its_mutes_and_the_mutes_of_it(member_client, a_member, steady_oak, river_stone):
    Mute.objects.create(muter=a_member, muted=steady_oak)
    Mute.objects.create(muter=river_stone, muted=a_member)
    Mute.objects.create(muter=river_stone, muted=steady_oak)
    member_client.post("/members/me/delete/", {"password": PASSWORD, "comments": "keep"})
    assert not get_user_model().objects.filter(pk=a_member.pk).exists()
    assert list(Mute.objects.values_list("muter__username", "muted__username")) == [("river.stone", "steady_oak")]
