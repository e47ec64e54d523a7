"""The "Course use" report: how much of the course members use, in counts only.

Completions and journals are keyed by translation key (progress is shared across languages), so
"language" here is the language the member reads the site in (their profile's preferred language).
No member is named and no answer is shown: counts per segment, module and exercise, nothing else.
The page costs the same few queries however many members, modules or journals there are.
"""

from collections import defaultdict

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .models import Exercise, JournalEntry, ModulePage, SegmentCompletion, SegmentPage

# Who may read it: those who look after the course and its exercises (cms.roles).
REPORT_PERMISSION = "learning.view_exercise"
LANGUAGE_OF = "member__member_profile__preferred_language"


def _by_language(counts, languages):
    return [counts.get(code, 0) for code, _name in languages] + [sum(counts.values())]


def course_use(languages):
    english = Locale.get_default()
    modules = list(ModulePage.objects.filter(locale=english).order_by("path").only("title", "number", "path"))
    segments = list(
        SegmentPage.objects.filter(locale=english).order_by("path").only("title", "number", "path", "translation_key")
    )

    completed = defaultdict(lambda: defaultdict(int))  # segment key -> language -> count
    done_by_member = defaultdict(set)  # (member id, language) -> segment keys
    for member_id, segment_key, language in SegmentCompletion.objects.values_list(
        "member_id", "segment_key", LANGUAGE_OF
    ):
        completed[segment_key][language] += 1
        done_by_member[(member_id, language)].add(segment_key)

    rows = []
    for module in modules:
        keys = {segment.translation_key for segment in segments if segment.path.startswith(module.path)}
        finished = defaultdict(int)
        for (_member, language), done in done_by_member.items():
            if keys and keys <= done:
                finished[language] += 1
        rows.append(
            {
                "kind": "module",
                "number": module.number,
                "title": module.title,
                "counts": _by_language(finished, languages),
            }
        )
        for segment in segments:
            if segment.path.startswith(module.path):
                rows.append(
                    {
                        "kind": "segment",
                        "number": f"{module.number}.{segment.number}",
                        "title": segment.title,
                        "counts": _by_language(completed[segment.translation_key], languages),
                    }
                )

    started = defaultdict(lambda: defaultdict(int))
    finished = defaultdict(lambda: defaultdict(int))
    for exercise_key, language, finished_at in JournalEntry.objects.values_list(
        "exercise_key", LANGUAGE_OF, "finished_at"
    ):
        started[exercise_key][language] += 1
        if finished_at is not None:
            finished[exercise_key][language] += 1
    # Shaped like the module rows, so one table template shows both; the last count is "Finished".
    exercises = [
        {
            "kind": "exercise",
            "number": exercise.number,
            "title": exercise.title,
            "counts": [
                *_by_language(started[exercise.translation_key], languages),
                sum(finished[exercise.translation_key].values()),
            ],
        }
        for exercise in Exercise.objects.filter(locale=english)
        .order_by("number")
        .only("number", "title", "translation_key")
    ]
    return rows, exercises


def course_use_report(request):
    if not request.user.has_perm(REPORT_PERMISSION):
        raise PermissionDenied
    languages = list(settings.LANGUAGES)
    rows, exercises = course_use(languages)
    title = _("Course use")
    return TemplateResponse(
        request,
        "learning/admin/course_use_report.html",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "list-ol",
            "help": _(
                "Counts only: no member is named and no journal answer is shown. Language is the one each member "
                "reads the site in. A module counts as completed when a member completed every one of its segments."
            ),
            "languages": [name for _code, name in languages],
            "rows": rows,
            "exercises": exercises,
        },
    )
