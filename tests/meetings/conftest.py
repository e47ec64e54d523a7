"""A bilingual meetings index and a factory of weekly meetings, translated through wagtail-localize."""

import pytest
from django.db import transaction

from meetings.models import MeetingCancellation
from tests.meetings.factories import MeetingIndexPageFactory, MeetingPageFactory

INDEX_SPANISH = {"Support meetings": "Reuniones de apoyo", "meetings": "reuniones"}


@pytest.fixture
def meeting_index(a_spanish_home_page, a_home_page, translate):
    """The English index at /meetings/ and its Spanish translation at /es/reuniones/."""
    index = MeetingIndexPageFactory(parent=a_home_page)
    with transaction.atomic():
        spanish = translate(index, INDEX_SPANISH)
    return index, spanish


@pytest.fixture
def make_meeting(meeting_index, translate):
    """A published English meeting and its Spanish translation (cancellations given as (date, reason))."""

    def make(slug, first_date, start_time, time_zone, language="en", cancelled=(), interval=1):
        index, _spanish_index = meeting_index
        meeting = MeetingPageFactory(
            parent=index,
            slug=slug,
            meeting_language=language,
            first_date=first_date,
            start_time=start_time,
            time_zone=time_zone,
            interval_weeks=interval,
            cancellations=[MeetingCancellation(date=date, reason=reason) for date, reason in cancelled],
        )
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
