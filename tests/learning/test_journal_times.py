"""The journal says when an answer was saved in the member's time zone, or the site's."""

import datetime

import pytest

from learning.models import JournalEntry

from .test_journal import EXERCISE_URL, answer_field

pytestmark = pytest.mark.django_db

# 22:41 UTC on 4 December 2026.
SAVED = datetime.datetime(2026, 12, 4, 22, 41, tzinfo=datetime.UTC)


@pytest.fixture
def a_saved_answer(a_course, an_exercise, client, a_member):
    client.force_login(a_member)
    client.post(EXERCISE_URL, {answer_field(an_exercise): "We walked the dog.", "action": "draft"})
    JournalEntry.objects.filter(member=a_member).update(updated_at=SAVED)
    return client


def test_the_journal_shows_the_time_in_the_members_zone(a_saved_answer, a_member):
    a_member.member_profile.time_zone = "America/Chicago"
    a_member.member_profile.save()
    html = a_saved_answer.get("/learning/journal/").content.decode()
    assert "Last saved Dec. 4, 2026, 4:41 p.m. CST." in html
    assert "p.m.." not in html


def test_without_a_choice_the_journal_uses_the_sites_zone(a_saved_answer, settings):
    settings.TIME_ZONE = "America/New_York"
    html = a_saved_answer.get(EXERCISE_URL).content.decode()
    assert "Last saved Dec. 4, 2026, 5:41 p.m. EST." in html
