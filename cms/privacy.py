"""Wagtail's page privacy decided for a user rather than a request.

Search results and comment routes (follow-up emails have no request at all) ask the same question
as Wagtail's serving: may this person pass this restriction? While Wagtail serves a page it has
already answered it for that page (`passed_serving_check`), so the page's own parts need not ask.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction

from cms.membership import MEMBERS_GROUP, group_names, is_member


def view_restrictions(page):
    """The restrictions on `page`, as Wagtail's `get_view_restrictions()` finds them, in one query,
    and those of the sections each alias on its line was made from.

    Those of the page and of each ancestor; an alias answers with its original's restrictions and
    (unlike Wagtail, which asks for the original page alone) those of the original's ancestors: an
    alias of a page inside a members-only section is members-only wherever it is placed. Wagtail
    asks for the ancestors first and then their restrictions, and each restriction's groups after.
    Here the ancestors are a subquery on the page's tree path and the groups come prefetched.
    """
    steps = range(page.steplen, len(page.path) + 1, page.steplen)
    line = Page.objects.filter(path__in=[page.path[:end] for end in steps])
    originals = Page.objects.filter(pk__in=line.filter(alias_of__isnull=False).values("alias_of_id"))
    return PageViewRestriction.objects.filter(
        Q(page__in=line.filter(alias_of__isnull=True).values("pk"))
        | Q(Exists(originals.filter(path__startswith=OuterRef("page__path"))))
    ).prefetch_related("groups")


def restriction_on_line():
    """True for a page row of the outer query with a restriction on it or on an ancestor.

    A page is on another's line when its tree path starts the other's; this is the rule of
    Wagtail's `PageQuerySet.public()`, as a subquery instead of a first query for every restriction.
    """
    return Exists(PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path"))))


def _aliases_on_line():
    return Page.objects.filter(alias_of__isnull=False, path=Substr(OuterRef("path"), 1, Length("path")))


def alias_on_line():
    """True for a page row that is an alias or lies under one (an alias answers with its source's
    restrictions, so only `view_restrictions` can tell)."""
    return Exists(_aliases_on_line())


def restricted_original_on_line():
    """True for a page row that is, or lies under, an alias of a page in a restricted section."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("alias_of__path"), 1, Length("page__path"))
    )
    return Exists(_aliases_on_line().filter(Exists(restricted)))


def public(pages):
    """`pages.public()` in the same query, aliases following their original's privacy."""
    return pages.filter(~restriction_on_line() & ~restricted_original_on_line())


def passes_restriction(user, restriction, restriction_groups=None):
    """Whether `user` may pass one page privacy restriction (shared passwords are off on this site)."""
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser:
            return True
        names = restriction_groups
        if names is None:
            names = {group.name for group in restriction.groups.all()}
        if MEMBERS_GROUP in names and is_member(user):
            return True
        return not names.isdisjoint(group_names(user))
    return False


_SERVED_PAGE = "_craft_page_passed_privacy"


def mark_served(request, page):
    """Called from inside Wagtail's privacy check (cms.wagtail_hooks): `page` passed it for `request`."""
    setattr(request, _SERVED_PAGE, page.pk)


def passed_serving_check(request, page):
    """Whether Wagtail's serving let this request through to this very page (never true for previews)."""
    return request is not None and page is not None and getattr(request, _SERVED_PAGE, None) == page.pk
