"""Stable short routes into the course, and members-only serving of segment videos and images."""

from io import BytesIO

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, resolve_url
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_GET
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtailmedia.models import get_media_model

from cms.membership import is_member
from cms.protected_media import send_file

from .journal import exercise_in
from .models import ModulePage, SegmentPage
from .references import learning_index_for_language

COURSE_IMAGE_CACHE_SECONDS = 7 * 24 * 60 * 60


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


# The only sizes the course templates ask for: a member cannot make the server render any other.
COURSE_IMAGE_SIZES = {"segment": "width-800", "hero": "fill-960x400"}


def _refuse_non_members(request):
    """Anonymous visitors are sent to log in and back; logged-in non-members are refused."""
    if is_member(request.user):
        return None
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))


@require_GET
def course_image(request, image_id, size):
    """An image of a segment body or a module hero, rendered for members only.

    The rendition is made in memory and never saved as a Wagtail rendition, since renditions are
    public files under /media/images/. The member's browser keeps it (private cache, revalidated by
    ETag), and the server keeps the rendered bytes in its cache, so each image and size is rendered
    once, and again only when the image or its focal point changes.
    """
    refusal = _refuse_non_members(request)
    if refusal is not None:
        return refusal
    if size not in COURSE_IMAGE_SIZES:
        raise Http404
    image = get_object_or_404(get_image_model(), pk=image_id)
    image_filter = Filter(spec=COURSE_IMAGE_SIZES[size])
    # The file and, for crops, the focal point decide the pixels.
    etag = f'"{image.get_file_hash()}-{image_filter.get_cache_key(image)}-{size}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        patch_cache_control(not_modified, private=True, max_age=24 * 60 * 60)
        return not_modified
    # Rendered once per image and size for all members: the bytes are kept server-side only.
    cache_key = f"course-image:{etag}"
    cached = cache.get(cache_key)
    if cached is None:
        output = BytesIO()
        rendered = image_filter.run(image, output)
        cached = (output.getvalue(), getattr(rendered, "mime_type", None) or "image/" + rendered.format_name)
        cache.set(cache_key, cached, COURSE_IMAGE_CACHE_SECONDS)
    content, content_type = cached
    response = HttpResponse(content, content_type=content_type)
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, max_age=24 * 60 * 60)
    return response


@require_GET
def segment_video(request, media_id):
    """A video from a members-only collection, for members; its file URL never reaches a page.

    Sent by the site's one file-sending implementation (cms.protected_media): byte ranges, which
    browsers need to seek, in development; nginx in production.
    """
    refusal = _refuse_non_members(request)
    if refusal is not None:
        return refusal
    media = get_object_or_404(get_media_model().objects.select_related("collection"), pk=media_id)
    if not media.collection.get_view_restrictions().exists():
        # Only members-only media are streamed here; public media have public URLs of their own.
        raise Http404
    return send_file(request, media.file.storage, media.file.name, content_type=media.mime_type or None)
