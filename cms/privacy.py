"""Wagtail's page privacy decided for a user rather than a request.

Search results and comment routes (follow-up emails have no request at all) ask the same question
as Wagtail's serving: may this person pass this restriction?
"""

from wagtail.models import PageViewRestriction

from members.services import MEMBERS_GROUP, is_member


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
