"""Who is a member: the one rule every part of the site asks, kept at the ground.

`cms` imports no app (imports point from the ground up: cms <- members <- content apps), yet its
privacy checks and search need this answer; so it lives here and the members app, which grants
and suspends membership, builds on it.
"""

MEMBERS_GROUP = "Members"


def is_member(user):
    """True when `user` may see members-only content.

    Membership is free today; a paid-membership check would plug in here and nowhere else.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Asked by the view and again by the header of the same page: remember it on this user object.
    if getattr(user, "_is_member", None) is None:
        user._is_member = MEMBERS_GROUP in group_names(user)
    return user._is_member


def group_names(user):
    """The names of the account's groups: no query for the signed-in account (members.backends)."""
    return {group.name for group in user.groups.all()}
