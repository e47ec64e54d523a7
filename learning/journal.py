"""The exercise journal: a member's private answers, drafts kept, editable later."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from .models import Exercise, JournalEntry

ANSWER_MAX_LENGTH = 5000


class JournalForm(forms.Form):
    """One text box per question of the exercise, prefilled with the member's saved answers."""

    action = forms.ChoiceField(
        choices=[("draft", _("Save draft")), ("finish", _("Save and mark finished"))],
        error_messages={
            "required": _("Choose whether to save a draft or to mark the exercise finished."),
            "invalid_choice": _("Choose whether to save a draft or to mark the exercise finished."),
        },
    )
    next = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    def __init__(self, *args, exercise, entry=None, **kwargs):
        super().__init__(*args, **kwargs)
        saved = entry.answers if entry else {}
        self.question_fields = []
        for block in exercise.questions:
            name = f"answer-{block.id}"
            self.fields[name] = forms.CharField(
                label=block.value["question"],
                help_text=block.value["hint"],
                required=False,
                max_length=ANSWER_MAX_LENGTH,
                initial=saved.get(block.id, ""),
                strip=False,
                widget=forms.Textarea(attrs={"rows": 4, "maxlength": ANSWER_MAX_LENGTH}),
                error_messages={
                    "max_length": _("Keep each answer under %(limit_value)s characters (this one has %(show_value)s).")
                },
            )
            self.question_fields.append((block.id, name))

    def answers(self):
        return {block_id: self.cleaned_data[name].strip() for block_id, name in self.question_fields}


def save_journal_entry(member, exercise, answers, finished):
    """Store the member's answers; answers to questions since removed from the exercise are kept."""
    with transaction.atomic():
        entry, _created = JournalEntry.objects.select_for_update().get_or_create(
            member=member, exercise_key=exercise.translation_key
        )
        entry.answers = {**entry.answers, **answers}
        entry.finished_at = (entry.finished_at or timezone.now()) if finished else None
        entry.save()
    return entry


def exercise_in(locale, number):
    """The live exercise numbered `number` in `locale`, or in the default language if not translated."""
    for candidate_locale in (locale, Locale.get_default()):
        exercise = Exercise.objects.filter(locale=candidate_locale, number=number, live=True).first()
        if exercise is not None:
            return exercise
    raise Http404


def exercise_url(index, exercise):
    return index.url + index.reverse_subpage("exercise", args=[exercise.number])


def exercise_view(request, index, number):
    """GET shows the exercise with the member's answers; POST saves them (members only: see the hook)."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    exercise = exercise_in(index.locale, number)
    entry = JournalEntry.objects.filter(member=request.user, exercise_key=exercise.translation_key).first()
    status = 200
    if request.method == "POST":
        form = JournalForm(request.POST, exercise=exercise, entry=entry)
        if form.is_valid():
            finished = form.cleaned_data["action"] == "finish"
            save_journal_entry(request.user, exercise, form.answers(), finished)
            messages.success(
                request, _("Your answers are saved in your journal.") if not finished else _("Exercise finished.")
            )
            next_url = form.cleaned_data["next"]
            if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
                next_url = exercise_url(index, exercise)
            return redirect(f"{next_url}#exercise-{exercise.number}")
        status = 400
    else:
        form = JournalForm(exercise=exercise, entry=entry)
    context = {"page": index, "self": index, "exercise": exercise, "entry": entry, "form": form}
    return TemplateResponse(request, "learning/exercise_page.html", context, status=status)


def journal_view(request, index):
    """Everything the member wrote, newest first, each with its exercise in the page's language."""
    entries = list(JournalEntry.objects.filter(member=request.user))
    keys = [entry.exercise_key for entry in entries]
    exercises = {}
    for exercise in Exercise.objects.filter(translation_key__in=keys, live=True).select_related("locale"):
        # Prefer the exercise in this page's language; fall back to any live translation.
        if exercise.locale_id == index.locale_id or exercise.translation_key not in exercises:
            exercises[exercise.translation_key] = exercise
    items = []
    for entry in entries:
        exercise = exercises.get(entry.exercise_key)
        if exercise is None:
            continue
        questions = [
            {"question": block.value["question"], "answer": entry.answers.get(block.id, "")}
            for block in exercise.questions
        ]
        items.append(
            {"entry": entry, "exercise": exercise, "questions": questions, "url": exercise_url(index, exercise)}
        )
    context = {
        "page": index,
        "self": index,
        "items": items,
        "printed_on": date_format(timezone.localtime(), "DATE_FORMAT"),
    }
    return TemplateResponse(request, "learning/journal_page.html", context)
