"""Template helpers other apps use to show members: `{% load member_tags %}`."""

from django import template

from cms import membership
from members import services

register = template.Library()


@register.filter
def is_member(user):
    """`{% if user|is_member %}`: the same rule as cms.membership.is_member."""
    return membership.is_member(user)


@register.filter
def may_have_admin_access(user):
    """`{% if user|may_have_admin_access %}{% wagtailuserbar %}{% endif %}`: members get no userbar."""
    return services.may_have_admin_access(user)


@register.filter
def member_name(user):
    """A member's public name; never their email."""
    return services.display_name(user)


@register.filter
def is_suspended(user):
    return services.is_suspended(user)
