"""iCalendar files: one meeting's `.ics` and each language's feed, written with `icalendar`.

A meeting is one VEVENT that repeats (RRULE) in the organiser's zone (TZID plus its VTIMEZONE),
so calendar apps keep the wall-clock time across daylight-saving changes; cancelled dates are
EXDATEs. The joining link is members-only: it is written only into a file a signed-in member
downloads. The feed never carries it, because calendar apps fetch feeds without anyone's session.
"""

import datetime

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar, Event, vRecur

WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def meeting_event(meeting, request, with_link):
    event = Event()
    language = meeting.locale.language_code
    event.add("uid", f"meeting-{meeting.translation_key}-{language}@craft-family-support")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("summary", meeting.title)
    start = meeting.local_start_on(meeting.first_date)
    event.add("dtstart", start)
    event.add("dtend", start + meeting.duration)
    event.add(
        "rrule",
        vRecur(freq="WEEKLY", interval=meeting.interval_weeks, byday=WEEKDAY_CODES[meeting.first_date.weekday()]),
    )
    cancelled = [meeting.local_start_on(cancellation.date) for cancellation in meeting.cancellations.all()]
    if cancelled:
        event.add("exdate", cancelled)
    page_url = meeting.get_full_url(request)
    event.add("url", page_url)
    facilitator = gettext("Facilitator: %(name)s") % {"name": meeting.facilitator}
    if with_link:
        joining = gettext("Join: %(link)s") % {"link": meeting.joining_link}
        event.add("location", meeting.joining_link)
    else:
        joining = gettext("Sign in to get the joining link: %(url)s") % {"url": page_url}
    event.add("description", "\n\n".join([meeting.description, facilitator, joining]))
    return event


def calendar_response(request, meetings, filename, attachment=False):
    """The calendar of `meetings`; a single meeting's file carries the link for a signed-in member."""
    meetings = list(meetings)
    with_link = attachment and request.user.is_authenticated
    calendar = Calendar()
    calendar.add("prodid", "-//CRAFT Family Support//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", gettext("Support meetings"))
    calendar.add("x-wr-caldesc", gettext("Online support meetings for families"))
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, request, with_link))
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Content-Language"] = translation.get_language()
    if with_link:
        # The member's copy carries the joining link: no shared cache may keep it.
        response["Cache-Control"] = "private, no-store"
    return response
