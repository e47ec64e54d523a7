"""Site search: pages in the visitor's language that the visitor may read, nothing else.

Wagtail's PostgreSQL search keeps one index for both languages with one text-search
configuration, so results are filtered by locale here: an English query never returns a Spanish
page and the other way round. Members also find the course pages; everyone else finds public
pages only, so nothing members-only appears in an anonymous visitor's results.

Results are paged without counting them: a count runs the whole text search a second time, so
each page fetches one result more than it shows, and that one tells whether there is a next page.
The total is shown only when it is known for free, on the last page.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page, PageViewRestriction

from cms.locales import active_locale
from cms.membership import is_member
from cms.privacy import passes_restriction

QUERY_MAX_LENGTH = 100
RESULTS_PER_PAGE = 10


def readable_pages(user):
    """Live pages outside every private section `user` may not enter, and no alias of a page in one.

    The search backend takes only plain field filters (no subqueries), so each section, and each
    alias of a page inside it, is left out by its tree path; aliases are few, read in one query.
    """
    pages = Page.objects.live()
    aliases = list(Page.objects.filter(alias_of__isnull=False).values_list("path", "alias_of__path"))
    for restriction in PageViewRestriction.objects.select_related("page").prefetch_related("groups"):
        names = {group.name for group in restriction.groups.all()}
        if passes_restriction(user, restriction, names):
            continue
        section = restriction.page.path
        for path in [section, *(path for path, original in aliases if original.startswith(section))]:
            pages = pages.exclude(path__startswith=path)
    return pages


class ResultsPage:
    """One page of results, with what the template needs of a `django.core.paginator.Page`."""

    def __init__(self, results, number, per_page):
        self.object_list = list(results[:per_page])
        self.number = number
        self.has_next = len(results) > per_page
        self.has_previous = number > 1
        self.has_other_pages = self.has_next or self.has_previous
        self.start_index = (number - 1) * per_page + 1 if self.object_list else 0
        self.end_index = (number - 1) * per_page + len(self.object_list)
        # Known without counting only when nothing follows this page.
        self.count = None if self.has_next else self.end_index

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)


def page_number(value):
    """The requested page, 1 for anything that is not a sensible page number."""
    if not value or len(value) > 6 or not value.isdigit():
        return 1
    return max(int(value), 1)


def search_page(pages, query, number, per_page=None):
    """Page `number` of the results for `query` among `pages`: one search, no count."""
    per_page = per_page or RESULTS_PER_PAGE
    start = (number - 1) * per_page
    results = list(pages.search(query)[start : start + per_page + 1])
    if not results and number > 1:
        # A page past the end (an old link, fewer results now): the first page instead.
        return search_page(pages, query, 1, per_page)
    return ResultsPage(results, number, per_page)


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()
    error = ""
    results = None
    if len(query) > QUERY_MAX_LENGTH:
        error = _("Please use a shorter search, of at most %(count)d characters.") % {"count": QUERY_MAX_LENGTH}
    elif "\x00" in query:
        error = _("Your search contains a character we cannot search for.")
    elif query:
        pages = readable_pages(request.user).filter(locale=active_locale()).specific()
        results = search_page(pages, query, page_number(request.GET.get("page")))
    response = render(
        request,
        "cms/search.html",
        {"query": query, "results": results, "error": error, "members_included": is_member(request.user)},
        status=400 if error else 200,
    )
    # Results depend on who is asking; never let a shared cache keep them.
    response["Cache-Control"] = "private, no-store"
    return response
