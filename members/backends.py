"""Authentication backends that load, with the signed-in account, what every page asks of it.

Each page shows the member's pseudonym (the profile) and asks whether they are a member, and
Wagtail's privacy check compares their groups with a page's. Django loads the account alone, so
each of those cost a query of its own on every page; here the profile comes in the same query, and
the groups are kept under the page cache's generation, which any change to who is in which group
moves on (`auth.user_groups` and `auth.group` are watched, cms.page_cache). They are left on the
account as `prefetch_related("groups")` would leave them: `user.groups.all()` answers from them,
and adding or removing a group through `user.groups` clears them.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from cms.page_cache import cached_with_pages


class _LoadsMemberContext:
    def get_user(self, user_id):
        accounts = get_user_model()._default_manager.select_related("member_profile")
        try:
            user = accounts.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        _answer_groups_from(user, cached_with_pages("groups-of", user.pk, lambda: list(user.groups.all())))
        return user


def _answer_groups_from(user, groups):
    """Leave `groups` on `user` exactly where Django's prefetch_related("groups") leaves them."""
    manager = user.groups
    queryset = manager.get_queryset()
    queryset._result_cache, queryset._prefetch_done = groups, True  # noqa: SLF001 (as Django's prefetch does)
    user._prefetched_objects_cache = {manager.prefetch_cache_name: queryset}  # noqa: SLF001


class MemberModelBackend(_LoadsMemberContext, ModelBackend):
    """Django's username and password backend (the admin's login)."""


class MemberAuthenticationBackend(_LoadsMemberContext, AuthenticationBackend):
    """django-allauth's backend (username or email, as allauth is configured)."""
