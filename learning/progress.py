"""Marking a segment complete, or undoing it: idempotent, per member, shared across languages."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .models import SegmentCompletion


def mark_segment_complete(member, segment):
    SegmentCompletion.objects.get_or_create(member=member, segment_key=segment.translation_key)


def mark_segment_incomplete(member, segment):
    SegmentCompletion.objects.filter(member=member, segment_key=segment.translation_key).delete()


class SegmentProgressForm(forms.Form):
    completed = forms.TypedChoiceField(
        choices=[("yes", _("Completed")), ("no", _("Not completed"))],
        coerce=lambda value: value == "yes",
        error_messages={
            "required": _("Say whether the segment is completed."),
            "invalid_choice": _("Say whether the segment is completed: “yes” or “no”."),
        },
    )


def progress_view(request, segment):
    """POST completed=yes|no. The member is always the logged-in user: no id is read from the request."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = SegmentProgressForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request, "learning/bad_request.html", {"page": segment, "form": form, "back_url": segment.url}, status=400
        )
    with transaction.atomic():
        if form.cleaned_data["completed"]:
            mark_segment_complete(request.user, segment)
            messages.success(request, _("Segment marked as completed. Well done."))
        else:
            mark_segment_incomplete(request.user, segment)
            messages.info(request, _("Segment marked as not completed."))
    return redirect(f"{segment.get_url(request)}#progress")
