"""The data download as a readable page beside the JSON file, in the member's language."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def test_a_member_reads_everything_held_about_them_on_one_page(member_client, a_member):
    response = member_client.get("/members/me/data/read/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]
    page = BeautifulSoup(response.content, "html.parser")
    headings = [heading.get_text() for heading in page.select(".data-export h2")]
    assert headings[:3] == ["Prepared on", "Account", "Profile"]
    text = page.get_text(" ")
    assert "quiet_harbor" in text and "Learning to listen more." in text
    assert "Discreet emails" in text
    assert page.select_one("a[href='/members/me/data/']").get_text() == "Download it as a file (JSON)"


def test_the_page_is_in_spanish_at_its_spanish_address(member_client):
    page = BeautifulSoup(member_client.get("/es/miembros/mi-perfil/datos/leer/").content, "html.parser")
    headings = [heading.get_text() for heading in page.select(".data-export h2")]
    assert headings[:3] == ["Preparado el", "Cuenta", "Perfil"]


def test_visitors_are_sent_to_log_in(client):
    assert "/accounts/login/" in client.get("/members/me/data/read/")["Location"]
