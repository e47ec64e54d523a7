"""A whole-page cache for anonymous visitors that can neither leak nor go stale.

Anonymous GETs of public pages are served from the cache, per URL and language (Django's cache
middleware keys on both, and on the Cookie header the pages vary on). Nothing personal is ever
stored: a response for a signed-in person, one that sets a cookie, or one from an area with
forms or private data is marked `private, no-store` and skipped.

Every stored page carries the current "generation" in its key. Publishing, unpublishing, moving
or deleting a page, changing a snippet, and any change to a comment or a member's public name
moves the generation on, so the next visitor gets a freshly rendered page: precise invalidation
would have to know every listing, archive and feed a change shows up on.
"""

import functools
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "page-cache-generation"
# Pages each worker keeps a copy of (PagesNearby): most are 5-20 KB, a 500-comment thread 400 KB.
NEARBY_PAGES = 200
# Areas with forms, accounts or per-person answers: never stored, always private.
PRIVATE_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/members/",
    "/comments/",
    "/search/",
    "/healthz",
    "/documents/",
    "/learning/journal/",
    "/blog/ask/",
)
# The same areas under their translated paths (/es/cuentas/, /es/miembros/: see cms.urls).
TRANSLATED_PRIVATE_AREAS = (_("accounts/"), _("members/"), _("comments/"), _("search/"), _("blog/ask/"))
# Content that public pages show. Pages themselves are watched through Wagtail's publishing
# signals and through their own apps below (drafts and deletions).
WATCHED_APPS = {"cms", "home", "blog", "learning", "comments", "django_comments", "django_comments_xtd", "members"}
# Rows that change often and appear on no public page: progress, journals, the question inbox,
# renditions made while a page renders, the feed's own bookkeeping.
UNSHARED_MODELS = {
    "learning.segmentcompletion",
    "learning.journalentry",
    "blog.questionsubmission",
    "blog.podcastfeedstate",
    "cms.creditedrendition",
}
# Wagtail's own rows that decide what a public page may show: making a page private (or changing
# who may read it) must retire its cached public copy at once, not when the copy expires.
WATCHED_MODELS = {
    "wagtailcore.pageviewrestriction",
    "wagtailcore.pageviewrestriction_groups",
    "wagtailcore.collectionviewrestriction",
    "wagtailcore.collectionviewrestriction_groups",
}


def _cache():
    from django.conf import settings

    return caches[settings.CACHE_MIDDLEWARE_ALIAS]


def _fresh_generation():
    """A generation no earlier one can have had: if the counter is ever lost (a Redis restart, an
    eviction, a cleared cache), restarting it from 0 would bring back the pages stored under 0."""
    return time.time_ns()


def current_generation():
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), None)
        generation = cache.get(GENERATION_KEY)
    return generation


def cached_with_pages(name, key, build):
    """`build()`, kept exactly as long as the cached pages: under the current generation.

    For the page chrome (menu, footer, crisis resources) and site-wide settings: the same for every
    visitor of a language, changed only by what moves the generation on, and so costing no queries
    on members' pages either. Where the page cache
    is off (development, or production without a shared cache), so is this: `build()` every time.
    """
    from django.conf import settings

    if not settings.CACHE_MIDDLEWARE_SECONDS:
        return build()
    return _cache().get_or_set(f"chrome-{current_generation()}-{name}-{key}", build, settings.CACHE_MIDDLEWARE_SECONDS)


def invalidate(**kwargs):
    """Move every cached page out of use; a signal receiver, and callable directly."""
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, _fresh_generation(), None)


def _unprefixed(path):
    return path[3:] if path.startswith("/es/") else path


@functools.cache
def private_prefixes():
    prefixes = set(PRIVATE_PREFIXES)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            prefixes.update(f"/{area}" for area in TRANSLATED_PRIVATE_AREAS)
    return tuple(sorted(prefixes))


def is_private_path(path):
    """An area with forms, accounts or per-person answers, in either language: never stored."""
    return _unprefixed(path).startswith(private_prefixes())


def is_private_request(request):
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated) or is_private_path(request.path_info)


class PagesNearby:
    """The shared cache for pages, with a copy of each kept in this process as well.

    Every page key carries the generation, which is always read from the shared cache: a copy
    here is served only while that generation is current, exactly as the shared one would be. It
    saves two of the three round trips to Redis per cached page (the key's header list and the
    page; the generation remains). Bounded in entries, so a worker's memory stays bounded too.
    """

    _missing = object()

    def __init__(self, shared, nearby):
        self.shared, self.nearby = shared, nearby

    def get(self, key, default=None):
        value = self.nearby.get(key, self._missing)
        if value is self._missing:
            value = self.shared.get(key, self._missing)
            if value is self._missing:
                return default
            self.nearby.set(key, value)
        return value

    def set(self, key, value, timeout):
        self.shared.set(key, value, timeout)
        self.nearby.set(key, value, timeout)


_nearby = None


def _pages_nearby():
    from django.conf import settings

    global _nearby
    shared = _cache()
    if isinstance(shared, DummyCache):
        # Nothing is shared, so there is no generation to check a copy against: keep none either.
        return shared
    if _nearby is None:
        _nearby = LocMemCache(
            "craft-pages-nearby",
            {"TIMEOUT": settings.CACHE_MIDDLEWARE_SECONDS or 1, "OPTIONS": {"MAX_ENTRIES": NEARBY_PAGES}},
        )
    return PagesNearby(shared, _nearby)


class GenerationKeyMixin:
    @property
    def key_prefix(self):
        return f"pages-{current_generation()}"

    @property
    def cache(self):
        return _pages_nearby()

    @key_prefix.setter
    def key_prefix(self, value):
        """Django's middleware assigns the static prefix in __init__; the generation replaces it."""


class UpdatePageCacheMiddleware(GenerationKeyMixin, UpdateCacheMiddleware):
    """First in MIDDLEWARE: stores what FetchPageCacheMiddleware let through, if it may be shared."""

    def process_response(self, request, response):
        if is_private_request(request):
            # Members' pages, forms, previews: never kept by us, a proxy or a shared browser.
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ("Cookie",))
            return response
        if isinstance(getattr(request, "_csp_nonce", None), str):
            # A page with an inline script carries a one-time nonce; replaying it would reuse the nonce.
            return response
        return super().process_response(request, response)


class FetchPageCacheMiddleware(GenerationKeyMixin, FetchFromCacheMiddleware):
    """Answers anonymous GETs from the cache, right after the language is known.

    Before authentication, "anonymous" means no session cookie: without one nobody can be signed
    in. A visitor with a session is never answered from the cache (nor stored, whatever its user),
    so a cached page skips the rest of the middleware.
    """

    def process_request(self, request):
        from django.conf import settings

        if settings.SESSION_COOKIE_NAME in request.COOKIES or is_private_path(request.path_info):
            request._cache_update_cache = False
            return None
        response = super().process_request(request)
        if response is not None and response.status_code == 200:
            # A stored response with validators (the podcast feed) still answers a conditional
            # GET with 304, as the view itself would: podcast apps poll with If-None-Match.
            response = get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                response=response,
            )
        return response


def _model_changed(sender, **kwargs):
    meta = sender._meta
    watched = meta.app_label in WATCHED_APPS and meta.label_lower not in UNSHARED_MODELS
    if watched or meta.label_lower in WATCHED_MODELS:
        # After the commit too: a page rendered while the change was still uncommitted must not
        # be kept under the new generation.
        invalidate()
        transaction.on_commit(invalidate)


def _relation_changed(sender, action, **kwargs):
    """Many-to-many rows (a restriction's groups) change without a save of either side."""
    if action.startswith("post_"):
        _model_changed(sender)


def connect_signals():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"cms.page_cache.{signal}")
    post_save.connect(_model_changed, dispatch_uid="cms.page_cache.post_save")
    post_delete.connect(_model_changed, dispatch_uid="cms.page_cache.post_delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="cms.page_cache.m2m_changed")
