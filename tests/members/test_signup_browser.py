"""A real browser signs up in Spanish, follows the emailed link and lands in the members' area."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.members.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_visitor_signs_up_in_spanish_and_reaches_the_members_area(live_server, browser_page, mailoutbox):
    page = browser_page
    page.goto(live_server.url + "/es/cuentas/signup/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hágase miembro de CRAFT Apoyo Familiar")

    page.locator("input[name=username]").fill("Nube.Clara")
    page.locator("input[name=email]").fill("nube@example.org")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.get_by_role("button", name="Crear mi cuenta").click()
    expect(page).to_have_url(live_server.url + "/es/cuentas/confirm-email/")

    (email,) = mailoutbox
    # A new member's email is discreet until they choose otherwise (members.mail).
    assert email.subject == "Una actualización de su cuenta"
    link = re.search(r"https?://\S+/es/cuentas/confirm-email/\S+/", email.body).group(0)
    page.goto(live_server.url + urlsplit(link).path)  # the email names the site's own host
    page.locator("main").get_by_role("button").click()

    expect(page).to_have_url(live_server.url + "/es/miembros/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Área de miembros")
    expect(page.get_by_text("Le damos la bienvenida, Nube.Clara.", exact=False)).to_be_visible()
    expect(page.get_by_role("navigation", name="Su cuenta").first).to_be_visible()
