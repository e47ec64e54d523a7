"""In a real browser: a member asks a question, an editor drafts the answer from the admin inbox."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from blog.models import QAPostPage, QuestionSubmission

from .factories import make_blog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(browser_page, live_server, user):
    """Sign the tab in as `user` through a real session cookie (the login forms have their own tests)."""
    client = Client()
    client.force_login(user)
    browser_page.context.clear_cookies()
    browser_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_a_member_asks_and_an_editor_drafts_the_answer(live_server, browser_page, a_home_page, make_user, an_editor):
    make_blog(a_home_page)
    member = make_user("steady-partner", "Members")
    page = browser_page

    log_in(page, live_server, member)
    page.goto(live_server.url + "/blog/")
    page.get_by_role("link", name="Ask the team a question").click()
    page.get_by_label("Subject").fill("Bringing up counselling")
    page.get_by_label("Your question").fill("He seems open lately. How do I suggest counselling gently?")
    page.get_by_label("The person you are writing about is").select_option("partner")
    page.get_by_label("If the team answers on the blog").check()
    page.get_by_role("button", name="Send my question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you: your question was sent")
    question = QuestionSubmission.objects.get()
    assert question.member == member

    log_in(page, live_server, an_editor)
    page.goto(live_server.url + "/admin/")
    # The menu item carries the count of new questions (blog.wagtail_hooks.NewQuestionsBadge).
    page.get_by_role("link", name="Member questions (1 new)").click()
    expect(page.get_by_text("Bringing up counselling")).to_be_visible()
    expect(page.get_by_text("steady-partner")).to_be_visible()
    expect(page.get_by_text(member.email)).to_have_count(0)
    page.get_by_role("link", name="Draft an answer").click()
    expect(page.get_by_text("Dear steady-partner, thank you for writing in.")).to_be_visible()
    page.get_by_role("button", name="Create the draft and open it").click()

    post = QAPostPage.objects.get()
    expect(page).to_have_url(f"{live_server.url}/admin/pages/{post.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value("Bringing up counselling")
    expect(page.locator("#id_asker_name")).to_have_value("steady-partner")
    question.refresh_from_db()
    assert question.status == QuestionSubmission.Status.IN_PROGRESS
