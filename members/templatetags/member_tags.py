"""Template helpers other apps use to show members: `{% load member_tags %}`."""

from django import template

from cms import membership
from members import registry, services

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


@register.inclusion_tag("members/includes/resume_points.html", takes_context=True)
def resume_points(context):
    """ "Continue where you left off": what each app says the signed-in member was in the middle of.

    Nothing for visitors, so pages cached for them stay the same (cms.page_cache never stores a
    signed-in member's page).
    """
    user = context["request"].user
    if not membership.is_member(user):
        return {"points": []}
    points = [provider(user) for _name, provider in registry.resume_points.items()]
    return {"points": [point for point in points if point]}


@register.filter
def wants_quick_exit(user):
    """Everyone sees "Exit this page" except a member who switched it off in their profile."""
    profile = getattr(user, "member_profile", None) if user.is_authenticated else None
    return profile is None or profile.quick_exit
