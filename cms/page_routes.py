"""Where a URL leads, kept while the content stays the same (see CachedPageRouteMiddleware)."""

import contextlib
import hashlib

from django.apps import apps
from django.db import DatabaseError
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

from cms.page_cache import cached_with_pages


class CachedPageRouteMiddleware:
    """Wagtail's page routing, done once per site, language and path while the content stays the same.

    Wagtail finds the page of a URL one level at a time from the site's root: the site (one
    query), its root page in the reader's language (two), then each level's child by slug (one or
    two each), five to seven queries before the page is served, on every view. Where a path leads
    is the same for every reader, so it is kept under the page cache's generation (any publication,
    move or deletion retires it): the page's type, id and how many path components its ancestors
    took. A view then loads just that page, and lets it route what is left (a blog's topic archive,
    say). Its privacy rules (the view restrictions on it and above it, with their groups) are kept
    with it: Wagtail's serve hooks check every view against them as before, and any change to a
    restriction, its groups or the page's place in the tree moves the generation on. Paths that
    lead nowhere are not kept, so made-up URLs cannot fill the cache.

    Wagtail keeps the route and the site on the request (`_wagtail_route_for_request`,
    `_wagtail_site`), which is where this puts them, just before its `serve` view runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Every view's page chrome asks for the site (the home page, the comment settings). Without
        # a database the view answers what it can (`/healthz`, the 503 page) as before.
        with contextlib.suppress(DatabaseError):
            request._wagtail_site = _site_for(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        site = getattr(request, "_wagtail_site", None)
        if view_func is not wagtail_serve or request.method not in ("GET", "HEAD") or site is None:
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        components = [component for component in path.split("/") if component]
        key = f"{site.pk}-{translation.get_language()}-{hashlib.sha256(path.encode()).hexdigest()}"
        target = cached_with_pages("route", key, lambda: _route_target(request, site, components), keep_none=False)
        if target is None:
            return None
        model_label, pk, taken, select_related, restrictions = target
        page = apps.get_model(model_label).objects.select_related(*select_related).filter(pk=pk).first()
        if page is None:
            return None
        page.get_view_restrictions = lambda: restrictions
        try:
            request._wagtail_route_for_request = page.route(request, components[taken:])
        except Http404:
            request._wagtail_route_for_request = None
        return None


def _site_for(request):
    """`Site.find_for_request`, kept per host and port under the generation (a Site change retires it)."""
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"{hostname}-{request.get_port()}"
    return cached_with_pages("site", key, lambda: Site._find_for_request(request), keep_none=False)


def _route_target(request, site, components):
    """(model, id, path components its ancestors took, what to load with it, its view restrictions)
    of the page at `components`, or None."""
    root = site.root_page.localized.specific
    try:
        page = root.route(request, components)[0]
    except Http404:
        return None
    # What the parent's routing loads with a child of its one child type (cms.routing); a page of
    # another type under it (one made before the rule) has none of those fields.
    parent = getattr(page, "_cached_parent_obj", None)
    select_related = ()
    if getattr(parent, "child_select_related", ()) and type(page) in type(parent).allowed_subpage_models():
        select_related = tuple(parent.child_select_related)
    restrictions = list(page.get_view_restrictions().prefetch_related("groups"))
    return (page._meta.label, page.pk, page.depth - root.depth, select_related, restrictions)
