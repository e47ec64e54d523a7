"""Access decorators for members-only views (other apps may use `member_required` too)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from cms.membership import is_member


def member_required(view):
    """Visitors are sent to log in; logged-in accounts without member access get a 403 that says why."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_member(request.user):
            return render(request, "members/not_a_member.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper
