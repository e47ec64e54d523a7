"""The account rules built on membership: granting it, suspending, muting, display names.

Who is a member is decided at the ground, in cms.membership. Other apps call `is_suspended` and
`display_name` here; nothing else in here is public API.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from cms.membership import MEMBERS_GROUP, group_names, is_member


def may_have_admin_access(user):
    """Whether Wagtail's admin could be open to `user`: staff, superusers, or a group beside Members.

    Admin access is granted through groups here (Wagtail's user editor offers nothing else), so an
    account in no group but Members has none; asking Wagtail would load every permission it holds.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_staff or user.is_superuser or bool(group_names(user) - {MEMBERS_GROUP})


def grant_membership(user):
    """Give a verified account member access (called when an email address is confirmed).

    A future paid membership would check for payment here before adding the group.
    """
    user.groups.add(Group.objects.get_or_create(name=MEMBERS_GROUP)[0])
    user._is_member = None


def profile_for(user):
    """The account's profile, created on first use (accounts made before the members app had none)."""
    from .models import MemberProfile

    try:
        return user.member_profile
    except MemberProfile.DoesNotExist:
        profile = MemberProfile.objects.get_or_create(user=user, defaults={"preferred_language": _active_language()})[0]
        user.member_profile = profile
        return profile


def is_suspended(user):
    """True when editors suspended this account: it cannot log in and its comments are hidden.

    Listings that call this per comment should `select_related("user__member_profile")`.
    """
    if user is None or not getattr(user, "pk", None):
        return False
    profile = getattr(user, "member_profile", None)
    return bool(profile and profile.suspended)


@transaction.atomic
def set_suspended(profile, suspended, note=None):
    """Suspend or reinstate a member.

    `user.is_active` is what Django and allauth already honour everywhere (login, password reset,
    existing sessions), so suspension switches it off; the profile keeps the moderation record.
    """
    profile.suspended = suspended
    profile.suspended_at = timezone.now() if suspended else None
    if note is not None:
        profile.suspension_note = note
    profile.save(update_fields=["suspended", "suspended_at", "suspension_note", "updated_at"])
    user = profile.user
    user.is_active = not suspended
    user.save(update_fields=["is_active"])


def display_name(user):
    """The name shown for an account anywhere on the site: never the email address."""
    if user is None or not getattr(user, "pk", None):
        return ""
    profile = getattr(user, "member_profile", None)
    if profile is not None and profile.display_name:
        return profile.display_name
    return user.username


def preferred_language(user):
    """The member's chosen language, or the active one for accounts without a profile."""
    profile = getattr(user, "member_profile", None) if user is not None and getattr(user, "pk", None) else None
    if profile is not None and profile.preferred_language in dict(settings.LANGUAGES):
        return profile.preferred_language
    return _active_language()


def landing_url(user):
    """Where a member arrives after logging in: the members' area in their own language."""
    with translation.override(preferred_language(user)):
        if is_member(user):
            return reverse("members:directory")
        return reverse("wagtail_serve", args=[""])


def _active_language():
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class CannotMute(Exception):
    """The account asked for is not one a member may mute (themselves, the team, a non-member)."""


def mute(muter, muted):
    """`muter` stops reading `muted`'s comments; nobody else is told, `muted` least of all.

    The team cannot be muted: its answers and moderation notes are part of keeping the threads safe.
    """
    from .models import Mute

    if not is_member(muter) or muted.pk == muter.pk or not is_member(muted) or may_have_admin_access(muted):
        raise CannotMute
    Mute.objects.get_or_create(muter=muter, muted=muted)


def unmute(muter, *, pk=None, muted=None):
    """Remove one of `muter`'s own mutes, by its id or by the member muted; True if there was one.

    Filtered by `muter` first, so someone else's mute id changes nothing.
    """
    from .models import Mute

    mutes = Mute.objects.filter(muter=muter)
    mutes = mutes.filter(pk=pk) if pk is not None else mutes.filter(muted=muted)
    return mutes.delete()[0] > 0
