"""A bilingual meetings index and a factory of weekly meetings, translated through wagtail-localize."""

import datetime

import pytest
from django.db import transaction

from meetings.models import MeetingCancellation, MeetingIndexPage, MeetingPage

INDEX_SPANISH = {"Support meetings": "Reuniones de apoyo", "meetings": "reuniones"}
LINK = "https://meet.example.org/secret-room-4711"


@pytest.fixture
def meeting_index(a_spanish_home_page, a_home_page, translate):
    """The English index at /meetings/ and its Spanish translation at /es/reuniones/."""
    index = a_home_page.add_child(instance=MeetingIndexPage(title="Support meetings", slug="meetings"))
    with transaction.atomic():
        spanish = translate(index, INDEX_SPANISH)
    return index, spanish


@pytest.fixture
def make_meeting(meeting_index, translate):
    """A published English meeting and its Spanish translation (cancellations given as (date, reason))."""

    def make(slug, first_date, start_time, time_zone, language="en", cancelled=(), interval=1):
        index, _spanish_index = meeting_index
        meeting = MeetingPage(
            title=f"Group {slug}",
            slug=slug,
            description=f"About {slug}",
            meeting_language=language,
            first_date=first_date,
            start_time=start_time,
            time_zone=time_zone,
            duration_minutes=60,
            interval_weeks=interval,
            joining_link=LINK,
            facilitator="Dana R.",
            capacity_note="Up to 12 families",
        )
        meeting.cancellations = [MeetingCancellation(date=date, reason=reason) for date, reason in cancelled]
        index.add_child(instance=meeting)
        meeting.save_revision().publish()
        mapping = {
            f"Group {slug}": f"Grupo {slug}",
            slug: f"{slug}-es",
            f"About {slug}": f"Acerca de {slug}",
            "Up to 12 families": "Hasta 12 familias",
            **{reason: f"Motivo: {reason}" for _date, reason in cancelled if reason},
        }
        spanish = translate(meeting, mapping)
        return meeting, spanish

    return make


def soon(days):
    return datetime.date.today() + datetime.timedelta(days=days)
