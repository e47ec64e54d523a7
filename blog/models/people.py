"""How the blog names people: by pseudonym, never by email address."""


def display_name(user):
    """The member's chosen display name when their profile has one, otherwise their username."""
    profile = getattr(user, "member_profile", None)
    return (getattr(profile, "display_name", "") if profile is not None else "") or user.get_username()
