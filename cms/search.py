"""Site search: pages in the visitor's language that the visitor may read, nothing else.

Wagtail's PostgreSQL search keeps one index for both languages with one text-search
configuration, so results are filtered by locale here: an English query never returns a Spanish
page and the other way round. Members also find the course pages; everyone else finds public
pages only, so nothing members-only appears in an anonymous visitor's results.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page, PageViewRestriction

from members.services import MEMBERS_GROUP, is_member

QUERY_MAX_LENGTH = 100
RESULTS_PER_PAGE = 10


def passes_restriction(user, restriction, group_names=None):
    """Whether `user` may pass one page privacy restriction (shared passwords are off on this site)."""
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser:
            return True
        names = group_names if group_names is not None else {group.name for group in restriction.groups.all()}
        if MEMBERS_GROUP in names and is_member(user):
            return True
        return user.groups.filter(name__in=names).exists()
    return False


def readable_pages(user):
    """Live pages outside every private section `user` may not enter."""
    pages = Page.objects.live()
    if not user.is_authenticated:
        return pages.public()
    for restriction in PageViewRestriction.objects.select_related("page").prefetch_related("groups"):
        names = {group.name for group in restriction.groups.all()}
        if not passes_restriction(user, restriction, names):
            pages = pages.exclude(pages.descendant_of_q(restriction.page, inclusive=True))
    return pages


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
        pages = readable_pages(request.user).filter(locale=Locale.get_active()).specific()
        results = Paginator(pages.search(query), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    response = render(
        request,
        "cms/search.html",
        {"query": query, "results": results, "error": error, "members_included": is_member(request.user)},
        status=400 if error else 200,
    )
    # Results depend on who is asking; never let a shared cache keep them.
    response["Cache-Control"] = "private, no-store"
    return response
