"""Sub-routes of Wagtail pages (topics, months, transcripts, exercises...) in the page's own words.

A routable page's sub-route patterns may be written with `gettext_lazy` (`_("topic/<str:slug>/")`):
Django compiles and reverses such patterns in the active language. Here they are always resolved
and reversed in the language of the page itself, so a Spanish page has Spanish sub-routes whatever
language happens to be active (the sitemap, a feed or an email built outside i18n_patterns).

The Spanish pages used to answer the English words too (`/es/blog/topic/<slug>/`): those old
addresses still resolve, and answer with a permanent redirect to the translated one.
"""

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import ResolverMatch
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin

from cms.locales import active_locale


class TranslatedRoutablePageMixin(RoutablePageMixin):
    def page_language(self):
        """This page's language code; while serving it, the active locale's (memoised: no query)."""
        locale = active_locale()
        return locale.language_code if locale.pk == self.locale_id else self.locale.language_code

    def reverse_subpage(self, name, args=None, kwargs=None):
        with translation.override(self.page_language()):
            return super().reverse_subpage(name, args=args, kwargs=kwargs)

    def resolve_subpage(self, path):
        language = self.page_language()
        with translation.override(language):
            try:
                return super().resolve_subpage(path)
            except Http404:
                if language == settings.LANGUAGE_CODE:
                    raise
        with translation.override(settings.LANGUAGE_CODE):
            old = super().resolve_subpage(path)
        return ResolverMatch(
            self._redirect_to_translated_route, (), {"match": old}, url_name="translated_route_redirect"
        )

    def _redirect_to_translated_route(self, request, match):
        """An old English-worded address of this page's sub-route: 301 to the page's own words."""
        target = self.get_url(request) + self.reverse_subpage(match.url_name, args=match.args, kwargs=match.kwargs)
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)

    def subpage_arguments_in(self, target, name, args, kwargs):
        """The arguments of sub-route `name` on `target` (this page's translation), or None if it has
        no counterpart there. Numbers and dates mean the same in every language; pages whose
        arguments are translated (a topic's slug) override this."""
        return args, kwargs

    def counterpart_subpage(self, target, match):
        """The sub-route the reader is on (`match`), as a path below `target`'s URL, or None."""
        if match.url_name in (None, "index"):
            return ""
        if target.pk == self.pk:
            return self.reverse_subpage(match.url_name, args=match.args, kwargs=match.kwargs)
        arguments = self.subpage_arguments_in(target, match.url_name, match.args, match.kwargs)
        if arguments is None:
            return None
        args, kwargs = arguments
        with translation.override(target.locale.language_code):
            return self.get_resolver().reverse(match.url_name, *args, **kwargs)
