import pytest
from playwright.sync_api import expect

from tests.members.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_visitor_reads_home_switches_to_spanish_and_editor_logs_into_admin(
    live_server, browser_page, a_spanish_home_page, an_editor
):
    page = browser_page
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Helping a loved one")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()
    expect(page).to_have_url(live_server.url + "/es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ayudar a un ser querido")
    expect(page.get_by_role("link", name="Saltar al contenido principal")).to_be_attached()

    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("CRAFT Family Support")
