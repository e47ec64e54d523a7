"""Dates and times as each language writes them, in the member's own time zone."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from tests.members.test_profile import profile_data

pytestmark = pytest.mark.django_db

# 22:41 UTC on 4 December 2026: 4:41 p.m. in Chicago, the same evening.
SAVED = datetime.datetime(2026, 12, 4, 22, 41, tzinfo=datetime.UTC)
# The sentence the journal and the exercise page show (learning/includes/exercise.html).
LAST_SAVED = Template(
    '{% load i18n %}{% blocktranslate with saved=value|date:"DATETIME_FORMAT" %}Last saved {{ saved }}.'
    "{% endblocktranslate %}"
)


def in_language(language, zone, render):
    with translation.override(language), timezone.override(zone):
        return render()


def test_spanish_times_are_12_hour_with_their_zone_and_spanish_dates_have_de():
    full = in_language("es", "UTC", lambda: date_format(timezone.localtime(SAVED), "DATETIME_FORMAT"))
    assert full == "4 de diciembre de 2026, 10:41 p. m. UTC"
    assert in_language("es", "UTC", lambda: date_format(SAVED, "YEAR_MONTH_FORMAT")) == "diciembre de 2026"
    morning = SAVED.replace(hour=9, minute=5)
    assert in_language("es", "UTC", lambda: date_format(morning, "TIME_FORMAT")) == "9:05 a. m."


def test_english_times_are_12_hour_with_their_zone():
    full = in_language("en", "UTC", lambda: date_format(timezone.localtime(SAVED), "DATETIME_FORMAT"))
    assert full == "Dec. 4, 2026, 10:41 p.m. UTC"
    assert in_language("en", "UTC", lambda: date_format(SAVED, "YEAR_MONTH_FORMAT")) == "December 2026"


@pytest.mark.parametrize("language", ["en", "es"])
def test_last_saved_never_ends_in_a_doubled_full_stop(language):
    sentence = in_language(language, "America/Chicago", lambda: LAST_SAVED.render(Context({"value": SAVED})))
    assert not sentence.endswith("..")
    assert sentence.endswith("CST.")
    assert "4:41" in sentence


def test_a_member_chooses_a_time_zone_in_the_profile(client, make_member):
    member = make_member("quiet_harbor", display_name="Quiet Harbor")
    client.force_login(member)
    with translation.override("es"):
        form = client.get(reverse("members:edit_profile")).content.decode()
    assert "La zona horaria del sitio" in form and "Hora del Centro (Chicago, Houston)" in form
    response = client.post(reverse("members:edit_profile"), profile_data(time_zone="America/Los_Angeles"))
    assert response.status_code == 302
    member.member_profile.refresh_from_db()
    assert member.member_profile.time_zone == "America/Los_Angeles"


def test_an_unknown_time_zone_is_refused(client, make_member):
    client.force_login(make_member("quiet_harbor"))
    response = client.post(reverse("members:edit_profile"), profile_data(time_zone="Mars/Olympus_Mons"))
    assert response.status_code == 200
    assert "time_zone" in response.context["form"].errors


def test_the_member_since_date_has_de_in_spanish(client, make_member):
    member = make_member("quiet_harbor", display_name="Quiet Harbor")
    member.date_joined = datetime.datetime(2025, 5, 2, 12, tzinfo=datetime.UTC)
    member.save()
    client.force_login(member)
    with translation.override("es"):
        html = client.get(reverse("members:profile", args=["quiet_harbor"])).content.decode()
    assert "mayo de 2025" in html
