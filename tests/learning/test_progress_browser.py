"""A real browser: a member completes a segment in Spanish and sees the module's progress bar move."""

import pytest
from django.test import Client
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(browser_page, live_server, user):
    """Sign the tab in as `user` through a real session cookie (the login forms have their own tests)."""
    client = Client()
    client.force_login(user)
    browser_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_a_member_completes_a_segment_in_spanish_and_the_progress_bar_moves(
    live_server, browser_page, a_bilingual_course, a_member
):
    page = browser_page
    log_in(page, live_server, a_member)
    module_url = live_server.url + "/es/aprendizaje/modulo-1/"
    page.goto(module_url)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    bar = page.locator("progress.progress__bar")
    expect(bar).to_have_attribute("value", "0")

    page.get_by_role("link", name="Texto del segmento 1.1").click()
    expect(page).to_have_url(live_server.url + "/es/aprendizaje/modulo-1/segmento-1/")
    expect(page.get_by_text("Lección privada 1.1")).to_be_visible()
    page.locator("#progress button[type=submit]").click()
    expect(page).to_have_url(live_server.url + "/es/aprendizaje/modulo-1/segmento-1/#progress")
    expect(page.locator(".segment-progress__done")).to_be_visible()

    page.goto(module_url)
    expect(bar).to_have_attribute("value", "50")
    expect(page.locator(".segment-list__item--complete")).to_have_count(1)
    assert bar.evaluate("element => element.position") == 0.5  # what the browser draws
