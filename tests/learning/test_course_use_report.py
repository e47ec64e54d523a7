"""The "Course use" report: counts per segment, module, exercise and language, and nobody named."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.roles import EDITORS, MODERATORS
from learning.models import JournalEntry, SegmentCompletion
from members.services import profile_for
from tests.members.factories import logged_in

from .factories import add_module, make_exercise, segment

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/course-use/"


def a_reader(make_user, username, language):
    member = make_user(username, "Members")
    profile = profile_for(member)
    profile.preferred_language = language
    profile.save()
    return member


def complete(member, *segments):
    for page in segments:
        SegmentCompletion.objects.create(member=member, segment_key=page.translation_key)


def test_the_report_counts_completions_and_journals_per_language_without_naming_anyone(
    a_course, make_user, an_exercise
):
    rosa = a_reader(make_user, "rosa_reads", "en")
    luz = a_reader(make_user, "luz_lee", "es")
    complete(rosa, segment(1, 1), segment(1, 2))
    complete(luz, segment(1, 1))
    JournalEntry.objects.create(member=rosa, exercise_key=an_exercise.translation_key, finished_at=timezone.now())
    JournalEntry.objects.create(member=luz, exercise_key=an_exercise.translation_key)

    response = logged_in(make_user("edith", EDITORS)).get(REPORT)
    assert response.status_code == 200
    rows = {row["number"]: row["counts"] for row in response.context["rows"]}
    # English, Spanish, all members
    assert rows[1] == [1, 0, 1], "only rosa completed every segment of module 1"
    assert rows["1.1"] == [1, 1, 2]
    assert rows["1.2"] == [1, 0, 1]
    assert rows[2] == [0, 0, 0]
    [exercise] = response.context["exercises"]
    assert exercise["counts"] == [1, 1, 2, 1], "started in English, Spanish, by all members; then finished"
    body = response.content.decode()
    for name in ("rosa_reads", "luz_lee", rosa.email, luz.email):
        assert name not in body


def test_the_report_sits_with_the_other_reports_in_both_languages(a_course, make_user):
    editor = make_user("edith", EDITORS)
    body = logged_in(editor).get("/admin/").content.decode()
    assert "Course use" in body and "Translation status" in body
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "es"
    profile.save()
    body = logged_in(editor).get(REPORT).content.decode()
    assert "Uso del curso" in body and "Finalizaciones por módulo y segmento" in body


def test_moderators_do_not_see_the_report(a_course, make_user):
    response = logged_in(make_user("mo", MODERATORS)).get(REPORT)
    assert response.status_code in (302, 403)


def test_the_report_costs_the_same_queries_for_a_bigger_course(a_course, make_user, an_exercise):
    editor = logged_in(make_user("edith", EDITORS))
    editor.get(REPORT)  # warm the per-process caches (locales, site roots)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert editor.get(REPORT).status_code == 200
        return len(captured)

    small = queries()
    add_module(a_course, 3, segments=4)
    make_exercise(number=17, title="Another exercise")
    for number in range(6):
        member = a_reader(make_user, f"reader{number}", "es" if number % 2 else "en")
        complete(member, segment(1, 1), segment(3, 2))
        JournalEntry.objects.create(member=member, exercise_key=an_exercise.translation_key)
    assert queries() == small
