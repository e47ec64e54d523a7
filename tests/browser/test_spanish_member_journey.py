"""A Spanish-speaking member, on a phone, does a night's work on the demo site and meets no English.

She reads a Q&A thread, replies, reports a comment, opens an exercise and her journal, and switches
language on each page: the switch lands on the same page in English and back, and the main content
in Spanish holds no English word (names and quoted English aside).
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django_comments_xtd.models import XtdComment
from playwright.sync_api import expect

from blog.models import QAPostPage
from learning.models import Exercise, LearningIndexPage
from tests.comments.test_reply_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
# Words that are English and never Spanish: the interface words a forgotten string would show.
ENGLISH = frozenset(
    re.split(
        r"\s+",
        """
    the and you your with this that what when from have has will our about help back show hide read
    more reply replies report reported staff comment comments member members share post posted sign log
    login page next previous edit delete deleted save saved cancel submit send search home learning
    module segment exercise journal write entry entries topic topics ago minutes hours days today
    yesterday of to it is are was we they she my for in on or not
    """.strip(),
    )
)
# Names people chose, and words both languages share.
ALLOWED = {"craft", "blog", "podcast"}


def english_words(text, names):
    words = {word.lower() for word in re.findall(r"[A-Za-zÀ-ÿ]+", text)}
    name_words = {word.lower() for name in names for word in re.findall(r"[A-Za-zÀ-ÿ]+", name)}
    return sorted(words & ENGLISH - ALLOWED - name_words)


def test_the_english_word_check_sees_what_a_forgotten_string_shows():
    """On the thread before issue 16, "Report" and "Staff" stood in Spanish threads."""
    assert english_words("Equipo de CRAFT · Report · Staff · Respuesta de Steady Oak", ["Steady Oak"]) == [
        "report",
        "staff",
    ]


def public_names():
    from members.services import display_name

    return [display_name(user) for user in get_user_model().objects.all()]


def switch_language_and_back(page, language_name, back_name):
    """The switcher lands on this page's counterpart (never an index unless this is one), and back."""
    here = page.url
    menu = page.get_by_role("navigation", name=re.compile("Idioma|Language"))
    if not menu.is_visible():
        page.get_by_role("button", name=re.compile("Menú|Menu")).click()
    menu.get_by_role("link", name=language_name).click()
    there = page.url
    assert there != here and page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("navigation", name=re.compile("Idioma|Language")).get_by_role("link", name=back_name).click()
    expect(page).to_have_url(here)
    return there


def assert_no_english(page, names):
    found = english_words(page.locator("main").inner_text(), names)
    assert not found, f"English words in the Spanish page {page.url}: {found}"


def test_a_spanish_member_reads_replies_reports_practises_and_switches_language_on_a_phone(
    committed_demo, live_server, browser
):
    member = get_user_model().objects.get(username="luz_del_sur")
    names = public_names()
    post_type = ContentType.objects.get_for_model(QAPostPage)
    spanish_posts = QAPostPage.objects.live().filter(locale__language_code="es")
    threads = XtdComment.objects.filter(content_type=post_type, is_public=True, is_removed=False)
    post = max(spanish_posts, key=lambda post: threads.filter(object_pk=str(post.pk)).count())
    others_comment = threads.filter(object_pk=str(post.pk)).exclude(user=member).order_by("submit_date").first()
    assert others_comment, "the demo has a Spanish thread with another member's comment"

    context = browser.new_context(locale="es-US", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server, member)

    # A Q&A thread: read, reply, report.
    page.goto(live_server.url + post.url)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert_no_english(page, names)
    english_post = switch_language_and_back(page, "English", "Español")
    assert english_post.rstrip("/") != live_server.url + "/blog", "the switch kept the post, not the blog index"

    page.locator(f"#c{others_comment.pk} .comment__reply").first.click()
    form = page.locator("form#reply-form")
    form.locator("textarea[name=comment]").fill("Gracias por contarlo. A mí también me ayudó hablar con calma.")
    form.locator("button[name=post]").click()
    coach_or_thread = page.locator(".language-coach, .comment-list").first
    expect(coach_or_thread).to_be_visible()
    if page.locator(".language-coach").count():
        page.locator("form.comment-form button[name=post]").click()
    reply = XtdComment.objects.filter(user=member, parent_id=others_comment.pk).latest("submit_date")
    assert reply.comment.startswith("Gracias por contarlo.")
    expect(page.locator(f"#c{reply.pk}")).to_contain_text("A mí también me ayudó")
    assert_no_english(page, names)

    # Reporting asks why, confirms, and offers an undo (comments.views.report_comment).
    page.locator(f"#c{others_comment.pk} a.comment__report").first.click()
    page.get_by_label("Podría identificar a alguien o comparte datos privados").check()
    assert_no_english(page, names)
    page.get_by_role("button", name="Enviar el reporte").click()
    expect(page.get_by_role("button", name="Deshacer mi reporte")).to_be_visible()
    assert_no_english(page, names)
    page.goto(live_server.url + post.url)
    expect(page.locator(f"#c{others_comment.pk} .comment__reported").first).to_be_visible()
    assert_no_english(page, names)

    # An exercise and the journal, in the course.
    course = LearningIndexPage.objects.get(locale__language_code="es")
    exercise = Exercise.objects.filter(locale__language_code="es", live=True).order_by("number").first()
    page.goto(live_server.url + course.url + course.reverse_subpage("exercise", kwargs={"number": exercise.number}))
    expect(page.get_by_role("heading", level=1)).to_contain_text(exercise.title)
    assert_no_english(page, names)
    english_exercise = switch_language_and_back(page, "English", "Español")
    assert f"exercise-{exercise.number}" in english_exercise, "the switch kept the exercise"

    page.goto(live_server.url + course.url + course.reverse_subpage("journal"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert_no_english(page, names)
    english_journal = switch_language_and_back(page, "English", "Español")
    assert english_journal.endswith("/journal/"), "the switch kept the journal"
    context.close()
