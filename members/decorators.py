"""Access decorators for members-only views (other apps may use `member_required` too)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.translation import gettext as _

from cms.membership import is_member
from cms.views import message_page


def member_required(view):
    """Visitors are sent to log in; logged-in accounts without member access get a 403 that says why."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_member(request.user):
            return message_page(
                request,
                _("For members only"),
                [
                    _(
                        "This part of the site is for members. Your account does not have member access: "
                        "membership starts once your email address is confirmed."
                    )
                ],
                link=(reverse("account_email"), _("Check your email address")),
                status=403,
            )
        return view(request, *args, **kwargs)

    return wrapper
