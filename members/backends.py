"""Authentication backends that load, with the signed-in account, what every page asks of it.

Each page shows the member's pseudonym (the profile) and asks whether they are a member, and
Wagtail's privacy check compares their groups with a page's. Django loads the account alone, so
each of those cost a query of its own on every page; here the profile comes in the same query and
the groups in one more, cached on the account for the request (`user.groups.all()` answers from it,
and adding or removing a group through `user.groups` clears it).
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class _LoadsMemberContext:
    def get_user(self, user_id):
        accounts = get_user_model()._default_manager.select_related("member_profile").prefetch_related("groups")
        try:
            user = accounts.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class MemberModelBackend(_LoadsMemberContext, ModelBackend):
    """Django's username and password backend (the admin's login)."""


class MemberAuthenticationBackend(_LoadsMemberContext, AuthenticationBackend):
    """django-allauth's backend (username or email, as allauth is configured)."""
