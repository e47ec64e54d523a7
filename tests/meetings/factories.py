"""Support meetings for any app's tests: `MeetingPageFactory()` builds a weekly meeting and its line."""

import datetime

import factory
import wagtail_factories

from meetings.models import MeetingIndexPage, MeetingPage
from tests.home.factories import HomePageFactory

LINK = "https://meet.example.org/secret-room-4711"


def soon(days):
    return datetime.date.today() + datetime.timedelta(days=days)


class MeetingIndexPageFactory(wagtail_factories.PageFactory):
    title = "Support meetings"
    slug = "meetings"
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = MeetingIndexPage


class MeetingPageFactory(wagtail_factories.PageFactory):
    slug = factory.Sequence(lambda number: f"group-{number}")
    title = factory.LazyAttribute(lambda meeting: f"Group {meeting.slug}")
    description = factory.LazyAttribute(lambda meeting: f"About {meeting.slug}")
    meeting_language = "en"
    first_date = factory.LazyFunction(lambda: soon(7))
    start_time = datetime.time(18, 30)
    time_zone = "America/New_York"
    duration_minutes = 60
    interval_weeks = 1
    joining_link = LINK
    facilitator = "Dana R."
    capacity_note = "Up to 12 families"
    parent = factory.SubFactory(MeetingIndexPageFactory)

    class Meta:
        model = MeetingPage
