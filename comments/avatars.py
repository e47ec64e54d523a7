"""The engine's avatar hook, pointed away from Gravatar (which would send a hash of the email out)."""


def no_third_party_avatar(comment):
    """Our pages draw initials or the member's own picture (comments.tree); the engine gets nothing."""
    return ""
