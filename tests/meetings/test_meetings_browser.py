"""A real browser on a phone-sized screen: a member finds a Spanish meeting, reads its time, saves the .ics."""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from icalendar import Calendar
from playwright.sync_api import expect

from .factories import LINK, soon

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(browser_page, live_server, member):
    client = Client()
    client.force_login(member)
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value}
    browser_page.context.add_cookies([{**cookie, "url": live_server.url}])


def test_a_member_on_a_phone_finds_a_spanish_meeting_and_downloads_its_calendar_file(
    live_server, browser, make_meeting, make_user
):
    make_meeting("english-group", soon(1), datetime.time(19, 0), "America/Chicago")
    make_meeting("lunes", soon(2), datetime.time(20, 0), "Europe/Madrid", language="es")
    context = browser.new_context(
        locale="es-US", timezone_id="America/Los_Angeles", viewport={"width": 390, "height": 844}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server, make_user("member"))

    page.goto(live_server.url + "/es/reuniones/")
    page.select_option("#meeting-language", "es")
    page.get_by_role("button", name="Mostrar reuniones").click()
    expect(page).to_have_url(f"{live_server.url}/es/reuniones/?language=es&weekday=")
    occurrence = page.locator(".meeting-occurrence").first
    expect(occurrence).to_contain_text("Grupo lunes")
    expect(page.locator(".meeting-occurrence", has_text="Grupo english-group")).to_have_count(0)
    # 20:00 in Madrid is 11:00 or 12:00 in Los Angeles: the script rewrote it in the reader's zone.
    time = occurrence.locator("time[data-local-time]")
    expect(time).to_have_attribute("data-converted", "true")
    expect(time).to_have_text(re.compile(r"^lunes, .* 1[12]:00 a\.\s?m\."))
    expect(occurrence).to_contain_text("Europe/Madrid")

    occurrence.get_by_role("link", name="Grupo lunes").click()
    expect(page.get_by_role("link", name="Unirse a la reunión")).to_have_attribute("href", LINK)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Agregar a mi calendario (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == "lunes-es.ics"
    with open(download.path(), "rb") as saved:
        (event,) = Calendar.from_ical(saved.read()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Grupo lunes"
    assert str(event["LOCATION"]) == LINK
    context.close()
