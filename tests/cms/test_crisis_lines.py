"""The crisis lines in every page's footer: the right numbers and the right instructions, per language.

Safety content: a Spanish reader who texts 988 must be told to send AYUDA (pressing 2 works only
on a call), and every number is a link that calls or texts it from a phone.
"""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from cms.models import CrisisResource
from tests.cms.test_demo_content import load_demo_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_crisis_lines(a_spanish_home_page, django_capture_on_commit_callbacks):
    load_demo_content(django_capture_on_commit_callbacks, "site")


def footer(client, url):
    crisis = BeautifulSoup(client.get(url).content, "html.parser").select_one("section.crisis")
    text = " ".join(crisis.get_text().split())
    links = {" ".join(a.get_text().split()): a["href"] for a in crisis.find_all("a")}
    return text, links


def test_the_spanish_footer_says_how_to_reach_988_in_spanish_by_call_text_and_chat(client, demo_crisis_lines):
    text, links = footer(client, "/es/")
    assert "Llame al 988 y marque 2 para español, o envíe AYUDA por texto al 988" in text
    assert "Chat en 988lineadevida.org" in text
    assert "y marque 2, a cualquier hora" not in text, "the old wording told texters to press 2"
    assert links["Llamar al 988"] == "tel:988"
    assert links["Enviar AYUDA por texto al 988"] == "sms:988?body=AYUDA"
    assert links["Línea 988 de Prevención del Suicidio y Crisis"] == "https://988lineadevida.org/"


def test_the_spanish_footer_gives_samhsa_and_911_with_links_that_call_them(client, demo_crisis_lines):
    text, links = footer(client, "/es/")
    assert "1-800-662-4357, gratis y confidencial, a toda hora: pida atención en español" in text
    assert links["Llamar al 1-800-662-4357"] == "tel:18006624357"
    assert "Llame al 911 si alguien corre peligro inmediato" in text
    assert links["Llamar al 911"] == "tel:911"
    assert "también en español" not in text, "SAMHSA's page is English: say what to ask for instead"


def test_the_english_footer_gives_the_same_numbers_and_the_spanish_options(client, demo_crisis_lines):
    text, links = footer(client, "/")
    assert "Call or text 988, or chat at 988lifeline.org, any hour. En español: press 2, or text AYUDA." in text
    assert links["Call 988"] == "tel:988"
    assert links["Text 988"] == "sms:988", "in English any message reaches the Lifeline"
    assert links["988 Suicide & Crisis Lifeline"] == "https://988lifeline.org/"
    assert links["Call 1-800-662-4357"] == "tel:18006624357"
    assert links["Call 911"] == "tel:911"


def test_with_no_crisis_line_entered_the_footer_still_names_911(client, a_spanish_home_page):
    assert not CrisisResource.objects.exists()
    text, links = footer(client, "/es/")
    assert "Si usted o un ser querido corre peligro, llame al 911." in text
    assert links["911"] == "tel:911"
    text, links = footer(client, "/")
    assert "If you or someone you love is in danger, call 911." in text


def test_the_numbers_read_as_us_readers_write_them():
    assert CrisisResource(phone="18006624357").phone_display == "1-800-662-4357"
    assert CrisisResource(phone="2025550123").phone_display == "202-555-0123"
    assert CrisisResource(phone="988").phone_display == "988"


def test_the_question_form_and_its_emails_give_the_spanish_options_of_988():
    """blog/ask/question_form.html, question_sent.html and both question emails share this sentence."""
    english = "If you or someone else is in danger right now, please call 911, or call or text 988 at any hour."
    with translation.override("es"):
        spanish = translation.gettext(english)
    assert spanish.startswith("Si usted u otra persona corre peligro en este momento, llame al 911.")
    assert "llamar al 988 y marcar 2 para español, o enviar AYUDA por mensaje de texto al 988" in spanish
