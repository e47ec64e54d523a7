"""The editor's first hour, from the demo, with no other login's help (issue 17, "Done when").

The `editor` login answers a member's question (the draft Q&A post the inbox makes) and publishes
it, creates an exercise and a segment using it, and submits the segment to Clinical review (the
course is published by a clinical reviewer: cms.roles). Then the same screens in Spanish, the
language the editor chose for the admin.
"""

import os
import re

import pytest
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from blog.models import QAPostPage, QuestionSubmission
from demo.management.commands.load_demo_content import DEFAULT_DEMO_PASSWORD
from learning.models import Exercise, ModulePage, SegmentPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EXERCISE_NUMBER = 41


def sign_in(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD))
    page.locator("form button[type=submit]").first.click()
    expect(page.locator("#member-questions-section")).to_be_visible()


def field(page, input_name):
    """A form field's wrapper, found by the name of the input it holds (snippet forms have no content paths)."""
    return page.locator(".w-field").filter(has=page.locator(f"input[name='{input_name}']")).last


def type_into_rich_text(page, scope, text):
    editor = scope.locator(".public-DraftEditor-content").first
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(text)


def open_more_actions(page):
    page.locator("footer").get_by_role("button", name="More actions").click()


def publish(page):
    open_more_actions(page)
    page.locator("button[name='action-publish']").click()


def test_the_editor_answers_a_question_creates_an_exercise_and_a_segment(committed_demo, live_server, browser_page):
    # The demo's new English question that may be published (its private one is answered by email).
    new_question = QuestionSubmission.objects.get(status=QuestionSubmission.Status.NEW, language="en", private=False)
    module = ModulePage.objects.filter(locale__language_code="en").order_by("path").first()

    page = browser_page
    page.set_default_timeout(20_000)
    sign_in(page, live_server, "editor")

    # The dashboard and the menu say questions wait: the demo's two new ones, one to publish and one
    # private (answered by email).
    expect(page.locator("#member-questions-section")).to_contain_text("2 new questions wait for an answer")
    expect(page.locator("body")).to_contain_text(re.compile(r"Member questions \(\d+ new\)"))

    # Answer it: the inbox drafts the Q&A post, the editor writes and publishes it.
    page.goto(live_server.url + f"/admin/snippets/blog/questionsubmission/edit/{new_question.pk}/")
    expect(page.locator("body")).not_to_contain_text(new_question.member.email)
    page.get_by_role("link", name="Draft an answer").first.click()
    page.get_by_role("button", name="Create the draft and open it").click()
    expect(page.locator(".messages")).to_contain_text("Write your answer, then publish it.")
    type_into_rich_text(
        page,
        page.locator("[data-contentpath='answer']"),
        " Telling your parents can bring you support; choose a calm moment.",
    )
    page.get_by_role("button", name=re.compile("Choose topic")).first.click()
    page.locator(".modal tbody a").first.click()
    publish(page)
    expect(page.locator(".messages")).to_contain_text("published")
    post = QAPostPage.objects.get(pk=QuestionSubmission.objects.get(pk=new_question.pk).answer_post_id)
    assert post.live and "choose a calm moment" in str(post.answer)
    assert QuestionSubmission.objects.get(pk=new_question.pk).status == QuestionSubmission.Status.ANSWERED

    # An exercise, published by the editor.
    page.goto(live_server.url + "/admin/snippets/learning/exercise/add/?locale=en")
    page.locator("input[name=number]").fill(str(EXERCISE_NUMBER))
    page.locator("input[name=title]").fill("Noticing calm evenings")
    type_into_rich_text(page, field(page, "instructions"), "Write down one calm evening this week.")
    question = page.locator("input[name='questions-0-value-question']")
    if not question.count():
        field(page, "questions-count").locator(".c-sf-add-button").first.click()
    question.fill("What made the evening calm?")
    publish(page)
    expect(page.locator(".messages")).to_contain_text("Noticing calm evenings")
    exercise = Exercise.objects.get(number=EXERCISE_NUMBER, locale__language_code="en")
    assert exercise.live

    # A segment using it, submitted to Clinical review (editors do not publish the course).
    page.goto(live_server.url + f"/admin/pages/add/learning/segmentpage/{module.pk}/")
    page.locator("input[name=title]").fill("Calm evenings")
    page.locator("input[name=number]").fill("9")
    page.locator("[data-contentpath='body'] .c-sf-add-button").first.click()
    page.get_by_role("option", name=re.compile("Exercise")).first.click()
    page.locator("[data-contentpath='body']").get_by_role("button", name=re.compile("Choose")).first.click()
    page.locator(".modal").get_by_role("link", name=re.compile("Noticing calm evenings")).first.click()
    open_more_actions(page)
    expect(page.locator("button[name='action-publish']")).to_have_count(0)
    page.locator("button[name='action-submit']").click()
    expect(page.locator(".messages")).to_contain_text("Calm evenings")
    segment = SegmentPage.objects.get(title="Calm evenings")
    assert not segment.live
    assert segment.current_workflow_state.workflow.name == "Clinical review"
    assert segment.body[0].value["exercise"].pk == exercise.pk

    # The same admin in Spanish, the editor's own choice of language.
    profile = UserProfile.get_for_user(post.owner)
    profile.preferred_language = "es"
    profile.save()
    page.goto(live_server.url + "/admin/")
    expect(page.locator("#member-questions-section")).to_contain_text("Preguntas de los miembros")
    page.goto(live_server.url + "/admin/snippets/learning/exercise/add/?locale=en")
    expect(page.locator("main")).to_contain_text("Número de ejercicio")
