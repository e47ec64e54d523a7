"""Uploaded files that have an access rule: the app decides, the web server sends.

Only public image renditions (`images/`) and media thumbnails are plain files under /media/; every
other upload is reached through a view that first asks whether this visitor may have it: Wagtail's
document view (collection privacy), `serve_media` here (collection privacy, then the apps'
`before_serve_media` hooks, e.g. a podcast episode's privacy), the podcast audio and segment video
views, and `serve_private_rendition` for images in a private collection. Once a view has said yes,
`send_file` answers, the one implementation of file sending on this site:

- With `PROTECTED_MEDIA_ACCEL` on (production behind ops/nginx.conf), an empty response carrying
  `X-Accel-Redirect: /protected-media/<name>`. nginx sends the bytes from its `internal` location,
  with byte ranges, If-Range and ETag of its own: a slow listener holds an nginx connection, not
  one of the two sync gunicorn workers (`make drill-scale` measures it).
- Otherwise (development, tests, or media in a bucket nginx cannot read) the bytes stream from the
  storage here, in 64 KB chunks, with single byte ranges, If-Range and ETag: players seek with
  ranges and stall on a server that answers every range with the whole file.
"""

import hashlib
import mimetypes
import os
import re
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, resolve_url
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe
from django.views.static import serve as serve_static
from wagtail import hooks
from wagtail.images import get_image_model
from wagtailmedia import get_media_model

# The `internal` location of ops/nginx.conf that aliases MEDIA_ROOT; unreachable from outside.
ACCEL_PREFIX = "/protected-media/"
CHUNK_SIZE = 64 * 1024
# How long browsers and shared caches may keep a file anyone may have (a public episode's audio).
PUBLIC_CACHE_SECONDS = 60 * 60 * 24
SINGLE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
# The only folders that are plain files for anyone: renditions of images in public collections,
# and the posters editors pick for media items. ops/nginx.conf aliases exactly these.
PUBLIC_FOLDERS = ("images/", "media_thumbnails/")


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


def _cache_headers(response, public, attachment_name):
    if attachment_name:
        response["Content-Disposition"] = f'attachment; filename="{attachment_name}"'
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_CACHE_SECONDS)
    else:
        patch_cache_control(response, private=True, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def send_file(request, storage, name, *, content_type=None, public=False, attachment_name=None, ranges=True):
    """The response that sends the stored file `name`, for a request a view has already allowed.

    `public` lets shared caches keep it (only for files anyone may have); `attachment_name` asks
    the browser to save it; `ranges=False` always sends the whole file (Wagtail's document view
    sets Content-Length to the full size itself).
    """
    content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    if settings.PROTECTED_MEDIA_ACCEL:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = ACCEL_PREFIX + quote(name)
        return _cache_headers(response, public, attachment_name)

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

    range_header = request.headers.get("Range") if ranges else None
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
    status = 206 if byte_range else 200
    if request.method == "HEAD":
        response = HttpResponse(status=status, content_type=content_type)
    else:
        response = StreamingHttpResponse(
            _stream(storage, name, first, length), status=status, content_type=content_type
        )
    response["Content-Length"] = str(length)
    if byte_range:
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    if ranges:
        response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    return _cache_headers(response, public, attachment_name)


def sendfile(request, filename, mimetype=None, **kwargs):
    """Wagtail's document view sends through here (SENDFILE_BACKEND, django-sendfile's interface)."""
    name = os.path.relpath(filename, settings.MEDIA_ROOT)
    if name.startswith(".."):
        raise Http404
    return send_file(request, default_storage, name, content_type=mimetype, ranges=False)


def may_open(request, collection):
    """Wagtail's collection privacy (the rule documents follow) for any file in `collection`.

    Anyone who can use the admin passes too, so editors preview what they upload.
    """
    if request.user.has_perm("wagtailadmin.access_admin"):
        return True
    return all(restriction.accept_request(request) for restriction in collection.get_view_restrictions())


def refuse(request):
    """Anonymous visitors are sent to log in and back; anyone else who may not have it gets 403."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))


@require_safe
def serve_media(request, pk, filename):
    """An audio or video file of the media library, for whoever its collection (and its app) allows.

    Apps add their own rule with a `before_serve_media(media_item, request)` hook returning a
    response to refuse (the blog: a recording follows its episode's privacy).
    """
    item = get_object_or_404(get_media_model().objects.select_related("collection"), pk=pk)
    if filename != item.filename:
        raise Http404
    if not may_open(request, item.collection):
        return refuse(request)
    for hook in hooks.get_hooks("before_serve_media"):
        refusal = hook(item, request)
        if refusal is not None:
            return refusal
    return send_file(request, item.file.storage, item.file.name, content_type=item.mime_type or None)


@require_safe
def serve_private_rendition(request, pk, filename):
    """A rendition of an image in a private collection (the admin's thumbnails of course images)."""
    rendition = get_object_or_404(
        get_image_model().get_rendition_model().objects.select_related("image__collection"), pk=pk
    )
    if filename != os.path.basename(rendition.file.name):
        raise Http404
    if not may_open(request, rendition.image.collection):
        return refuse(request)
    return send_file(request, rendition.file.storage, rendition.file.name)


def serve_public_media_in_development(request, path):
    """/media/ under `manage.py runserver`: the same files ops/nginx.conf aliases, nothing else.

    Django's `static()` helper would serve every upload (private documents, members-only audio,
    image originals) to anyone who has the name.
    """
    if not settings.DEBUG or not path.startswith(PUBLIC_FOLDERS):
        raise Http404
    return serve_static(request, path, document_root=settings.MEDIA_ROOT)


def refile_renditions_in(collection):
    """Every image in `collection` and below it follows a privacy change of that collection."""
    images = get_image_model().objects.filter(collection__path__startswith=collection.path)
    for image in images.prefetch_related("renditions"):
        image.refile_renditions()


def _collection_privacy_changed(sender, instance, **kwargs):
    refile_renditions_in(instance.collection)


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import CollectionViewRestriction

    post_save.connect(_collection_privacy_changed, sender=CollectionViewRestriction, dispatch_uid="refile_renditions")
    post_delete.connect(_collection_privacy_changed, sender=CollectionViewRestriction, dispatch_uid="refile_renditions")
