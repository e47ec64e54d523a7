"""Template helpers other apps use to show members: `{% load member_tags %}`."""

from django import template

from cms import membership
from members import registry, services

register = template.Library()


# The rules themselves, registered as they are so a template asks exactly what Python asks:
# `{% if user|is_member %}`, `{% if user|may_have_admin_access %}{% wagtailuserbar %}{% endif %}`
# (members get no userbar), `{{ user|member_name }}` (never their email), `{% if user|is_suspended %}`.
register.filter("is_member", membership.is_member)
register.filter("may_have_admin_access", services.may_have_admin_access)
register.filter("member_name", services.display_name)
register.filter("is_suspended", services.is_suspended)


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
