"""Podcast audio served with HTTP range requests, in development and production alike.

Players seek by asking for a byte range (`Range: bytes=500000-`) and refuse to seek, or stall,
when the server answers with the whole file. Django's `static()` helper and WhiteNoise do not
serve MEDIA with ranges, so episodes' audio comes through this view; a front server may still
cache it, since the responses carry an ETag and Last-Modified.
"""

import hashlib
import re

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe
from wagtailmedia import get_media_model

from blog.models import PodcastEpisodePage

CHUNK_SIZE = 64 * 1024
PUBLIC_CACHE_SECONDS = 60 * 60 * 24
SINGLE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class UnsatisfiableRange(Exception):
    """The range starts past the end of the file: answered with 416."""


def parse_byte_range(header, size):
    """The (first, last) byte positions, inclusive, that a `Range` header asks for, or None.

    None means "send the whole file": no header, several ranges, or a header we do not understand,
    all of which RFC 9110 lets a server answer with 200 and the full content.
    """
    match = SINGLE_RANGE.match(header.strip()) if header else None
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:
        # "bytes=-500": the last 500 bytes.
        suffix = int(last)
        if suffix == 0:
            raise UnsatisfiableRange
        return max(size - suffix, 0), size - 1
    first = int(first)
    if last and int(last) < first:
        return None
    if first >= size:
        raise UnsatisfiableRange
    return first, min(int(last), size - 1) if last else size - 1


def _stream(storage, name, first, length):
    with storage.open(name, "rb") as stream:
        stream.seek(first)
        remaining = length
        while remaining > 0:
            chunk = stream.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


def _heard_publicly(request, media_item):
    """Whether the visitor may hear this item, and whether anyone at all may.

    Audio follows its episode's privacy: a draft episode's recording stays unheard until it is
    published, and a members-only episode's recording is for members. Editors hear everything,
    so previews play.
    """
    for episode in PodcastEpisodePage.objects.live().filter(audio=media_item):
        restrictions = episode.get_view_restrictions()
        if not restrictions:
            return True, True
        if all(restriction.accept_request(request) for restriction in restrictions):
            return True, False
    return request.user.has_perm("wagtailadmin.access_admin"), False


@require_safe
def serve_audio(request, pk, filename):
    media_item = get_object_or_404(get_media_model(), pk=pk, type="audio")
    if filename != media_item.filename:
        raise Http404
    allowed, public = _heard_publicly(request, media_item)
    if not allowed:
        raise Http404

    storage, name = media_item.file.storage, media_item.file.name
    try:
        size = storage.size(name)
        modified = storage.get_modified_time(name)
    except FileNotFoundError as missing:
        raise Http404 from missing
    # A new upload gets a new file name, so name and size identify the bytes.
    etag = quote_etag(hashlib.sha256(f"{name}:{size}".encode()).hexdigest()[:32])
    last_modified = int(modified.timestamp())

    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return not_modified

    range_header = request.headers.get("Range")
    if_range = request.headers.get("If-Range")
    if range_header and if_range and if_range not in (etag, http_date(last_modified)):
        # The player holds part of an older file: it must start again with the whole new one.
        range_header = None
    try:
        byte_range = parse_byte_range(range_header, size)
    except UnsatisfiableRange:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response

    first, last = byte_range or (0, size - 1)
    length = last - first + 1 if size else 0
    if request.method == "HEAD":
        response = HttpResponse(status=206 if byte_range else 200, content_type=media_item.mime_type)
    else:
        response = StreamingHttpResponse(
            _stream(storage, name, first, length),
            status=206 if byte_range else 200,
            content_type=media_item.mime_type or "application/octet-stream",
        )
    response["Content-Length"] = str(length)
    if byte_range:
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="{media_item.filename}"'
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_CACHE_SECONDS)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
