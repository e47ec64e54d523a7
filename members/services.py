"""The one place that decides who has member access."""

MEMBERS_GROUP = "Members"


def is_member(user):
    """True when `user` may see members-only content.

    Membership is free today; a paid-membership check would plug in here and nowhere else.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=MEMBERS_GROUP).exists()
