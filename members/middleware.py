"""Dates and times in the signed-in member's own time zone."""

from django.utils import timezone


class MemberTimeZoneMiddleware:
    """Activate the zone chosen in the member's profile for this request, or the site's zone.

    The profile comes with the account (members.backends), so this costs no query. Pages for
    signed-in members are never stored in the page cache, so a cached page is always in the
    site's zone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = ""
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            profile = getattr(user, "member_profile", None)
            zone = profile.time_zone if profile is not None else ""
        if zone:
            timezone.activate(zone)
        else:
            timezone.deactivate()
        return self.get_response(request)
