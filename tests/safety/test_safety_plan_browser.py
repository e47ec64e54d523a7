"""A real phone-sized browser: a member writes a safety plan, prints it, and it still opens with no connection."""

import re

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


def printed_pages(page):
    """Pages of the plan printed on US Letter. Headless Chromium's PDF follows the window's width (the
    390-pixel phone window gave 4 pages of a narrow column), so the window is a sheet's width first."""
    page.set_viewport_size({"width": 816, "height": 1056})
    pdf = page.pdf(format="Letter")
    page.set_viewport_size({"width": 390, "height": 844})
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_a_member_writes_a_plan_on_a_phone_and_reads_it_offline(live_server, browser_page, a_member, a_plan_template):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, a_member)
    page.goto(live_server.url + "/members/me/")
    page.locator(".member-account-nav").get_by_role("link", name="Your safety plan").click()

    page.get_by_role("textbox", name="Where the naloxone is kept").fill("Kitchen drawer by the fridge")
    person = page.get_by_role("group", name="Person to call 1")
    person.get_by_role("textbox", name="Name").fill("Ana (my sister)")
    person.get_by_role("textbox", name="Phone number").fill("(555) 010-0199")
    for number, (name, phone) in enumerate([("Luis", "555-010-0111"), ("Dr. Reyes", "555-010-0122")], start=2):
        row = page.get_by_role("group", name=f"Person to call {number}")
        row.get_by_role("textbox", name="Name").fill(name)
        row.get_by_role("textbox", name="Phone number").fill(phone)
    service = page.get_by_role("group", name="Local service 1")
    service.get_by_role("textbox", name="Name").fill("County crisis team")
    service.get_by_role("textbox", name="Phone number").fill("555-010-0142")
    page.get_by_role("textbox", name="Notes").fill("Spare key with the neighbour at number 12. Allergic to penicillin.")
    page.get_by_role("button", name="Save your plan").click()
    expect(page.get_by_text("Your safety plan is saved.")).to_be_visible()

    page.reload()
    expect(page.locator(".safety-plan__naloxone")).to_have_text("Kitchen drawer by the fridge")
    call = page.get_by_role("link", name="Call (555) 010-0199")
    expect(call).to_have_attribute("href", "tel:5550100199")
    # The page says the plan is kept on this device, once its worker holds the copy.
    expect(page.get_by_text("This plan is kept on this device")).to_be_visible()
    assert (
        page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
        == live_server.url + "/members/me/safety-plan/"
    )
    assert page.evaluate("caches.keys().then(names => names.map(name => name.split(':').slice(0, 2).join(':')))") == [
        "safety-plan:/members/me/safety-plan/"
    ]

    # Printed, the whole plan (the staff's steps included) fits on one page, in both languages.
    for url in ("/members/me/safety-plan/", "/es/miembros/mi-perfil/plan-de-seguridad/"):
        page.goto(live_server.url + url)
        expect(page.locator(".safety-plan__steps li")).to_have_count(6)
        assert printed_pages(page) == 1
    page.goto(live_server.url + "/members/me/safety-plan/")
    expect(page.get_by_text("This plan is kept on this device")).to_be_visible()

    page.context.set_offline(True)
    page.reload()
    expect(page.locator(".safety-plan__naloxone")).to_have_text("Kitchen drawer by the fridge")
    expect(call).to_have_attribute("href", "tel:5550100199")
    # Styled offline too: the cached stylesheet applies (it takes the skip link out of the flow).
    assert page.locator(".skip-link").evaluate("el => getComputedStyle(el).position") == "absolute"

    # On a shared phone the member removes the copy: nothing is left to open offline.
    page.get_by_role("button", name="Remove the offline copy from this device").click()
    expect(page.get_by_text("No copy of this plan is kept on this device")).to_be_visible()
    assert page.evaluate("caches.keys()") == []
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
    with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):
        page.reload()
