"""Support meetings: calendar files read back, daylight saving, cancellations, the members-only link."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from django.utils import dateformat, timezone, translation
from icalendar import Calendar

from meetings.models import MeetingPage

from .factories import LINK, soon

pytestmark = pytest.mark.django_db

CHICAGO, MADRID = "America/Chicago", "Europe/Madrid"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar):
    return list(calendar.walk("VEVENT"))


def test_a_meetings_ics_repeats_weekly_in_the_organisers_zone_and_drops_cancelled_dates(make_meeting, client):
    first = soon(1)
    cancelled = first + datetime.timedelta(weeks=2)
    meeting, _spanish = make_meeting("tuesday", first, datetime.time(19, 0), CHICAGO, cancelled=[(cancelled, "Away")])

    calendar = parse(client.get(meeting.url + "calendar.ics"))

    (event,) = events(calendar)
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event["RRULE"]["INTERVAL"] == [1]
    assert event["DTSTART"].params["TZID"] == CHICAGO
    assert event.decoded("DTSTART") == datetime.datetime.combine(first, datetime.time(19, 0), tzinfo=ZoneInfo(CHICAGO))
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(hours=1)
    assert [timezone_.get("TZID") for timezone_ in calendar.walk("VTIMEZONE")] == [CHICAGO]
    exdates = [when.dt for when in event["EXDATE"].dts]
    assert exdates == [datetime.datetime.combine(cancelled, datetime.time(19, 0), tzinfo=ZoneInfo(CHICAGO))]
    assert str(event["SUMMARY"]) == "Group tuesday"


def test_the_anonymous_ics_has_no_joining_link_and_the_members_copy_has_it(make_meeting, client, make_user):
    meeting, _spanish = make_meeting("tuesday", soon(1), datetime.time(19, 0), CHICAGO)

    anonymous = client.get(meeting.url + "calendar.ics")
    assert LINK not in anonymous.content.decode()
    assert "Sign in to get the joining link" in str(events(parse(anonymous))[0]["DESCRIPTION"])

    client.force_login(make_user("member"))
    member = client.get(meeting.url + "calendar.ics")
    (event,) = events(parse(member))
    assert str(event["LOCATION"]) == LINK
    assert "no-store" in member["Cache-Control"]
    assert member["Content-Disposition"] == 'attachment; filename="tuesday.ics"'


@pytest.mark.parametrize("signed_in", [False, True])
def test_each_languages_feed_lists_its_meetings_without_any_joining_link(make_meeting, client, make_user, signed_in):
    make_meeting("tuesday", soon(1), datetime.time(19, 0), CHICAGO)
    make_meeting("lunes", soon(2), datetime.time(20, 0), MADRID, language="es", interval=2)
    if signed_in:
        # Calendar apps fetch feeds without a session: a feed is public even when a member opens it.
        client.force_login(make_user("member"))

    english = client.get("/meetings/calendar.ics")
    spanish = client.get("/es/reuniones/calendar.ics")

    assert sorted(str(event["SUMMARY"]) for event in events(parse(english))) == ["Group lunes", "Group tuesday"]
    spanish_events = events(parse(spanish))
    assert sorted(str(event["SUMMARY"]) for event in spanish_events) == ["Grupo lunes", "Grupo tuesday"]
    assert {event["RRULE"]["INTERVAL"][0] for event in spanish_events} == {1, 2}
    assert {str(tz["TZID"]) for tz in parse(spanish).walk("VTIMEZONE")} == {CHICAGO, MADRID}
    assert "Inicie sesión para obtener el enlace" in str(spanish_events[0]["DESCRIPTION"])
    for response in (english, spanish):
        assert LINK not in response.content.decode()


@pytest.mark.parametrize(
    ("zone", "before", "after", "utc_before", "utc_after"),
    [
        # The US moves its clocks on 8 March 2026, the European Union on 29 March 2026.
        (CHICAGO, datetime.date(2026, 3, 3), datetime.date(2026, 3, 10), 1, 0),
        (MADRID, datetime.date(2026, 3, 24), datetime.date(2026, 3, 31), 18, 17),
    ],
)
def test_a_weekly_meeting_keeps_its_wall_clock_time_across_a_daylight_saving_change(
    make_meeting, client, zone, before, after, utc_before, utc_after
):
    meeting, spanish = make_meeting("weekly", before, datetime.time(19, 0), zone)
    start = datetime.datetime.combine(before, datetime.time(0, 0), tzinfo=datetime.UTC)

    for page in (meeting, spanish):
        first, second = page.occurrences_between(start, start + datetime.timedelta(days=10))
        assert (first.date, second.date) == (before, after)
        assert first.local_start.hour == second.local_start.hour == 19
        assert (first.utc_start.hour, second.utc_start.hour) == (utc_before, utc_after)

        # Calendar apps expand the RRULE from DTSTART in its zone: the same instants come out.
        (event,) = events(parse(client.get(page.url + "calendar.ics")))
        dates = rrulestr(event["RRULE"].to_ical().decode(), dtstart=event.decoded("DTSTART"))
        expanded = [when.astimezone(datetime.UTC) for when in dates[:2]]
        assert [when.hour for when in expanded] == [utc_before, utc_after]


@pytest.mark.parametrize(
    ("zone", "now", "iso_before", "iso_after"),
    [
        (CHICAGO, "2026-03-02", "2026-03-04T01:00:00+00:00", "2026-03-11T00:00:00+00:00"),
        (MADRID, "2026-03-23", "2026-03-24T18:00:00+00:00", "2026-03-31T17:00:00+00:00"),
    ],
)
def test_both_listings_give_the_instant_of_each_date_and_the_organisers_clock_beside_it(
    make_meeting, client, monkeypatch, zone, now, iso_before, iso_after
):
    first = datetime.date.fromisoformat(now) + datetime.timedelta(days=1)
    make_meeting("weekly", first, datetime.time(19, 0), zone)
    moment = datetime.datetime.fromisoformat(now).replace(tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)

    english = client.get("/meetings/").content.decode()
    spanish = client.get("/es/reuniones/").content.decode()

    for html in (english, spanish):
        assert f'datetime="{iso_before}"' in html
        assert f'datetime="{iso_after}"' in html
        assert zone in html
    assert english.count("(7:00 p.m. organiser's time") == 2
    assert spanish.count("(7:00 p. m., hora de quien organiza") == 2


def test_a_cancelled_date_is_shown_in_both_listings(make_meeting, client):
    first = soon(1)
    cancelled = first + datetime.timedelta(weeks=1)
    make_meeting("tuesday", first, datetime.time(19, 0), CHICAGO, cancelled=[(cancelled, "Holiday")])

    with translation.override("en"):
        english_date = dateformat.format(cancelled, "N j, Y")
    english = client.get("/meetings/").content.decode()
    spanish = client.get("/es/reuniones/").content.decode()

    assert f"Cancelled on {english_date}" in english
    assert "Holiday" in english
    months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto"]
    months += ["septiembre", "octubre", "noviembre", "diciembre"]
    assert f"Cancelada el {cancelled.day} de {months[cancelled.month - 1]} de {cancelled.year}" in spanish
    assert "Motivo: Holiday" in spanish
    assert english.count("meeting-occurrence--cancelled") == 1


def test_the_listing_filters_by_language_and_weekday_without_javascript(make_meeting, client):
    make_meeting("english-group", soon(1), datetime.time(19, 0), CHICAGO)
    make_meeting("spanish-group", soon(2), datetime.time(19, 0), MADRID, language="es")

    only_spanish = client.get("/es/reuniones/", {"language": "es"}).content.decode()
    assert "Grupo spanish-group" in only_spanish and "Grupo english-group" not in only_spanish
    weekday = soon(1).weekday()
    on_that_day = client.get("/meetings/", {"weekday": str(weekday)}).content.decode()
    assert "Group english-group" in on_that_day and "Group spanish-group" not in on_that_day
    # Nonsense in the query is ignored, not an error.
    assert client.get("/meetings/", {"weekday": "9", "language": "xx"}).status_code == 200


def test_the_joining_link_is_for_members_only_on_the_page_and_never_in_search_or_sitemap(
    make_meeting, client, make_user
):
    meeting, spanish = make_meeting("tuesday", soon(1), datetime.time(19, 0), CHICAGO)

    for page, sign_in in ((meeting, "Sign in to get the link"), (spanish, "Inicie sesión para obtener el enlace")):
        html = client.get(page.url).content.decode()
        assert sign_in in html
        assert LINK not in html
    for url in ("/meetings/", "/es/reuniones/", "/search/?q=tuesday", "/search/?q=secret-room", "/sitemap.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert LINK not in response.content.decode(), url
    assert "/meetings/tuesday/" in client.get("/sitemap.xml").content.decode()

    client.force_login(make_user("member"))
    for page in (meeting, spanish):
        assert f'href="{LINK}"' in client.get(page.url).content.decode()


def test_the_weekday_follows_the_first_date(make_meeting):
    meeting, spanish = make_meeting("sunday", datetime.date(2026, 3, 1), datetime.time(9, 0), MADRID)
    assert meeting.weekday == spanish.weekday == 6
    assert MeetingPage.objects.filter(weekday=6).count() == 2


def test_the_demo_has_five_meetings_in_two_languages_and_two_zones(demo, client):
    english = MeetingPage.objects.filter(locale__language_code="en")
    spanish = MeetingPage.objects.filter(locale__language_code="es", live=True)
    assert english.count() == spanish.count() == 5
    assert set(english.values_list("meeting_language", flat=True)) == {"en", "es"}
    assert set(english.values_list("time_zone", flat=True)) == {CHICAGO, MADRID}
    assert english.filter(cancellations__isnull=False).distinct().count() == 2
    assert english.first().get_parent().show_in_menus
    # The Spanish pages route (wagtail-localize#773) and the index is in the Spanish menu.
    spanish_home = client.get("/es/").content.decode()
    assert 'href="/es/reuniones/"' in spanish_home
    for meeting in spanish:
        assert client.get(meeting.url).status_code == 200, meeting.url


def test_the_editor_cannot_cancel_a_date_the_group_does_not_meet_on(make_meeting, django_user_model):
    meeting, _spanish = make_meeting("tuesday", soon(1), datetime.time(19, 0), CHICAGO, interval=2)
    form_class = MeetingPage.get_edit_handler().get_form_class()
    fields = {
        "title": meeting.title,
        "slug": meeting.slug,
        "description": meeting.description,
        "meeting_language": "en",
        "first_date": meeting.first_date.isoformat(),
        "start_time": "19:00",
        "time_zone": CHICAGO,
        "duration_minutes": "60",
        "interval_weeks": "2",
        "joining_link": LINK,
        "facilitator": "Dana R.",
        "cancellations-TOTAL_FORMS": "1",
        "cancellations-INITIAL_FORMS": "0",
        "cancellations-MIN_NUM_FORMS": "0",
        "cancellations-MAX_NUM_FORMS": "1000",
        "cancellations-0-ORDER": "1",
    }
    editor = django_user_model.objects.create_superuser("editor-in-chief", "e@example.org", "x")

    def form_for(date):
        data = {**fields, "cancellations-0-date": date.isoformat(), "cancellations-0-reason": ""}
        return form_class(data, instance=meeting, parent_page=meeting.get_parent(), for_user=editor)

    # Every other week: one week after the first date is not a meeting day, two weeks after is.
    off_week = form_for(meeting.first_date + datetime.timedelta(weeks=1))
    assert not off_week.is_valid()
    assert "The meeting does not take place on this date." in str(off_week.formsets["cancellations"].errors)
    assert form_for(meeting.first_date + datetime.timedelta(weeks=2)).is_valid()


def test_the_listing_and_a_meeting_page_stay_within_the_query_budget(
    make_meeting, client, make_user, production_caching, django_assert_max_num_queries
):
    for number in range(5):
        cancelled = [(soon(number + 1) + datetime.timedelta(weeks=1), "Away")]
        make_meeting(f"group-{number}", soon(number + 1), datetime.time(19, 0), MADRID, cancelled=cancelled)
    client.force_login(make_user("member"))
    for url in ("/meetings/", "/es/reuniones/", "/meetings/group-0/", "/meetings/calendar.ics"):
        client.get(url)  # a first visitor caches the page chrome, as in tests/cms/test_query_budgets.py
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200


def test_editors_can_add_the_meetings_index_under_a_home_page_and_meetings_under_it():
    from home.models import HomePage
    from meetings.models import MeetingIndexPage

    assert MeetingIndexPage in HomePage.allowed_subpage_models()
    assert MeetingIndexPage.allowed_subpage_models() == [MeetingPage]
