"""A whole-page cache for anonymous visitors that can neither leak nor go stale.

Anonymous GETs of public pages are served from the cache, per URL and language (Django's cache
middleware keys on both, and on the Cookie header the pages vary on). Nothing personal is ever
stored: a response for a signed-in person, one that carries a form's CSRF token, or one whose
view declared itself private (`never_cache`, `cache_control(private=True)`) is kept by nobody.
The cache keeps no list of private URLs: a view knows what it shows, and a list of paths goes
stale the day a path is renamed or translated.

Every stored page carries the current "generation" in its key. Publishing, unpublishing, moving
or deleting a page, changing a snippet, and any change to a comment or a member's public name
moves the generation on, so the next visitor gets a freshly rendered page: precise invalidation
would have to know every listing, archive and feed a change shows up on.
"""

import threading
import time

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import parse_http_date_safe
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "page-cache-generation"
# Pages each worker keeps a copy of (PagesNearby): most are 5-20 KB, a 500-comment thread 400 KB.
NEARBY_PAGES = 200
# Pieces each worker keeps a copy of (the page chrome, rendered page bodies, comment fragments):
# a few KB each, so many more of them.
NEARBY_PIECES = 3000
# What public pages show besides pages (which are watched through Wagtail's publishing signals
# and their own saves and deletions below) and snippets (every registered snippet is watched):
# the comments on them and the public names beside those comments, the media they embed, the
# comment settings, which Spanish snippets reviewers let out, and the site's roots and languages.
WATCHED_MODELS_SHOWN = {
    "django_comments.comment",
    "django_comments.commentflag",
    "django_comments_xtd.xtdcomment",
    # A comment's review row carries what the thread shows beside it (a content note, the "edited"
    # mark), and an author's edit changes the text through update(), which sends no signal.
    "comments.commentreview",
    "comments.commentsettings",
    "members.memberprofile",
    "cms.creditedimage",
    "cms.sitemedia",
    "wagtaildocs.document",
    "translation_workflow.snippetpublication",
    "wagtailcore.site",
    "wagtailcore.locale",
    # Who is listed in the member directory, and the name beside a comment without a pseudonym:
    # an account's name and whether it is active, and who is in which group (Members).
    "auth.user",
    "auth.user_groups",
    "auth.group",
}
# An account saved with only these fields (Django stamps `last_login` at every sign-in) changes
# nothing a page shows.
UNSHOWN_ACCOUNT_FIELDS = {"last_login"}
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


# The generation read at the start of a request serves the whole request: one trip to the shared
# cache however many cached pieces a page assembles, and every piece of one page is of one
# generation. Outside a request (commands, the shell) it is read every time.
_this_request = threading.local()


def _request_started(**kwargs):
    _this_request.active, _this_request.generation = True, None


def _request_finished(**kwargs):
    _this_request.active, _this_request.generation = False, None


def current_generation():
    generation = getattr(_this_request, "generation", None)
    if generation is not None:
        return generation
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), None)
        generation = cache.get(GENERATION_KEY)
    if getattr(_this_request, "active", False):
        _this_request.generation = generation
    return generation


_MISSING = object()


def cached_with_pages(name, key, build, keep_none=True):
    """`build()`, kept exactly as long as the cached pages: under the current generation.

    For what is the same for every visitor of a language and changes only with what moves the
    generation on: the page chrome (menu, footer, crisis resources), site-wide settings, rendered
    page bodies and comment fragments. It costs no queries on members' pages either, and, with
    the copy each worker keeps, no trip to the shared cache. Where the page cache is off
    (development, or production without a shared cache), so is this: `build()` every time.
    With `keep_none=False` a None is not kept (what a made-up URL leads to, say).
    """
    from django.conf import settings

    if not settings.CACHE_MIDDLEWARE_SECONDS:
        return build()
    cache = _pieces_nearby()
    full_key = f"chrome-{current_generation()}-{name}-{key}"
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = build()
        if value is not None or keep_none:
            cache.set(full_key, value, settings.CACHE_MIDDLEWARE_SECONDS)
    return value


def invalidate(**kwargs):
    """Move every cached page out of use; a signal receiver, and callable directly."""
    _this_request.generation = None
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, _fresh_generation(), None)


def is_private_response(request, response):
    """A signed-in person's page, or one with a form: its CSRF token belongs to one visitor.

    Rendering a form's token makes Django's CSRF middleware (re)send the token's cookie with the
    response, so that cookie marks every page with a form, whatever its URL.
    """
    from django.conf import settings

    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated) or settings.CSRF_COOKIE_NAME in response.cookies


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


_nearby = {}


def _nearby_copy(name, entries):
    from django.conf import settings

    shared = _cache()
    if isinstance(shared, DummyCache):
        # Nothing is shared, so there is no generation to check a copy against: keep none either.
        return shared
    if name not in _nearby:
        _nearby[name] = LocMemCache(
            f"craft-{name}-nearby",
            {"TIMEOUT": settings.CACHE_MIDDLEWARE_SECONDS or 1, "OPTIONS": {"MAX_ENTRIES": entries}},
        )
    return PagesNearby(shared, _nearby[name])


def _pages_nearby():
    return _nearby_copy("pages", NEARBY_PAGES)


def _pieces_nearby():
    return _nearby_copy("pieces", NEARBY_PIECES)


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
        if is_private_response(request, response):
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

        if settings.SESSION_COOKIE_NAME in request.COOKIES:
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


def _is_shown_on_public_pages(model):
    from wagtail.models import Page
    from wagtail.snippets.models import get_snippet_models

    label = model._meta.label_lower
    if label in WATCHED_MODELS or label in WATCHED_MODELS_SHOWN:
        return True
    # A page's inline rows (a segment's exercises, an episode's guests) are saved with the page.
    concrete = model._meta.concrete_model
    return issubclass(concrete, Page) or concrete in get_snippet_models() or _is_inline_of_a_page(concrete)


def _is_inline_of_a_page(model):
    from modelcluster.fields import ParentalKey
    from wagtail.models import Page

    return any(isinstance(field, ParentalKey) and issubclass(field.related_model, Page) for field in model._meta.fields)


def _model_changed(sender, update_fields=None, **kwargs):
    if sender._meta.label_lower == "auth.user" and update_fields and set(update_fields) <= UNSHOWN_ACCOUNT_FIELDS:
        return
    if _is_shown_on_public_pages(sender):
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
    request_started.connect(_request_started, dispatch_uid="cms.page_cache.request_started")
    request_finished.connect(_request_finished, dispatch_uid="cms.page_cache.request_finished")
