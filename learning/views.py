"""Stable short routes into the course, and members-only streaming of segment videos."""

import mimetypes
import re

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, resolve_url
from django.views.decorators.http import require_GET
from wagtailmedia.models import get_media_model

from members.services import is_member

from .journal import exercise_in
from .models import ModulePage, SegmentPage
from .references import learning_index_for_language

RANGE_HEADER = re.compile(r"^bytes=(\d*)-(\d*)$")
# A range response is read into memory: cap it, the browser asks for the rest as it plays.
RANGE_CHUNK = 8 * 1024 * 1024


def _course_index():
    index = learning_index_for_language()
    if index is None:
        raise Http404
    return index


@require_GET
def module_short_route(request, module, segment=None):
    """/learning/6/ and /learning/6/1/: to Module 6 (segment 1) in the current language."""
    target = get_object_or_404(ModulePage.objects.child_of(_course_index()).live(), number=module)
    if segment is not None:
        target = get_object_or_404(SegmentPage.objects.child_of(target).live(), number=segment)
    return redirect(target.get_url(request))


@require_GET
def exercise_short_route(request, number):
    """/learning/exercises/16/: to Exercise #16 in the current language."""
    index = _course_index()
    exercise = exercise_in(index.locale, number)
    return redirect(index.get_url(request) + index.reverse_subpage("exercise", args=[exercise.number]))


@require_GET
def segment_video(request, media_id):
    """Stream a video from a members-only collection to members; its file URL never reaches a page.

    Supports single byte ranges, which browsers need to seek in a video.
    """
    if not is_member(request.user):
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
    media = get_object_or_404(get_media_model().objects.select_related("collection"), pk=media_id)
    if not media.collection.get_view_restrictions().exists():
        # Only members-only media are streamed here; public media have public URLs of their own.
        raise Http404
    content_type = media.mime_type or mimetypes.guess_type(media.file.name)[0] or "application/octet-stream"
    size = media.file.size
    match = RANGE_HEADER.match(request.headers.get("Range", ""))
    if match and any(match.groups()):
        start_text, end_text = match.groups()
        if start_text:
            start, end = int(start_text), min(int(end_text or size - 1), size - 1, int(start_text) + RANGE_CHUNK - 1)
        else:
            start, end = max(size - int(end_text), 0), size - 1
        if start > end or start >= size:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        with media.file.open("rb") as handle:
            handle.seek(start)
            chunk = handle.read(end - start + 1)
        response = HttpResponse(chunk, status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        response = FileResponse(media.file.open("rb"), content_type=content_type)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
