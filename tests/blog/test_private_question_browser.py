"""On a phone (390x844), in both languages: a member asks the team privately."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from blog.models import QuestionSubmission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
FORMS = {
    "en": ("/blog/ask/", "Ask privately instead", "Send my question", "You asked privately."),
    "es": ("/es/blog/preguntar/", "Prefiero preguntar en privado", "Enviar mi pregunta", "Usted preguntó en privado."),
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_on_a_phone_a_member_asks_a_private_question(
    language, live_server, browser_page, a_spanish_home_page, make_user
):
    path, private_label, send, confirmation = FORMS[language]
    client = Client()
    client.force_login(make_user("quiet-sister", "Members"))
    page = browser_page
    page.set_viewport_size(PHONE)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    page.goto(live_server.url + path)
    page.locator("input[name=subject]").fill("Money and my son")
    page.locator("textarea[name=question]").fill("Should I keep paying his rent?")
    page.locator("select[name=relationship]").select_option("child")
    page.get_by_label(private_label).check()
    page.get_by_role("button", name=send).click()
    expect(page.locator("main, body").first).to_contain_text(confirmation)
    question = QuestionSubmission.objects.get()
    assert (question.private, question.consent_to_publish, question.language) == (True, False, language)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
