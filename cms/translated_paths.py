"""Spanish URLs in Spanish words, and the old English-worded Spanish URLs redirecting to them.

The URL patterns inside i18n_patterns are translated with `gettext_lazy` (`_("members/")` is
`miembros/` under /es/). Addresses already out in the world (bookmarks, sent emails, search
engines) still say /es/members/...: those answer with a permanent redirect to the same view in
Spanish words. Sub-routes of Wagtail pages do the same in `cms.routes`.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation

WAGTAIL_SERVE = "wagtail_serve"


def translated_path(path, language):
    """`path` (under /<language>/, in the default language's words) in `language`'s own words.

    None when the default language's patterns do not route it to one of our views (Wagtail's
    page serving matches everything: pages have their own translated slugs) or it is already right.
    """
    prefix = f"/{language}/"
    if language == settings.LANGUAGE_CODE or not path.startswith(prefix):
        return None
    with translation.override(settings.LANGUAGE_CODE):
        try:
            match = resolve(path[len(prefix) - 1 :])
        except Resolver404:
            return None
    if match.url_name == WAGTAIL_SERVE:
        return None
    with translation.override(language):
        try:
            target = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return None
    return target if target != path else None


class TranslatedPathRedirectMiddleware:
    """A 404 under /es/ whose path is one of our routes in English words: 301 to its Spanish words."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        language = translation.get_language_from_path(request.path_info)
        target = translated_path(request.path_info, language) if language else None
        if target is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
