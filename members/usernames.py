"""Rules for usernames, which are members' public pseudonyms.

allauth applies USERNAME_VALIDATORS (ACCOUNT_USERNAME_VALIDATORS) and ACCOUNT_USERNAME_MIN_LENGTH;
the reserved list is checked by members.adapter so its message can say why the name is refused.
"""

import re

from django.core.validators import MaxLengthValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

USERNAME_MAX_LENGTH = 30

# Names that could pass for the site's team, a role, or a page of the site itself.
RESERVED_USERNAMES = frozenset(
    {
        "admin",
        "administrator",
        "root",
        "staff",
        "team",
        "moderator",
        "moderators",
        "mod",
        "editor",
        "editors",
        "translator",
        "support",
        "help",
        "helpline",
        "crisis",
        "system",
        "official",
        "craft",
        "craftfamilysupport",
        "craft-family-support",
        "craft_family_support",
        "family-support",
        "me",
        "goodbye",
        "members",
        "accounts",
        "anonymous",
        "former-member",
        "webmaster",
        "postmaster",
        "noreply",
        "administrador",
        "moderador",
        "equipo",
        "soporte",
        "ayuda",
        "miembros",
    }
)

USERNAME_VALIDATORS = [
    RegexValidator(
        r"^[\w.-]+\Z",
        _("Use only letters, digits and the characters . _ -, without spaces."),
        flags=re.UNICODE,
    ),
    MaxLengthValidator(USERNAME_MAX_LENGTH),
]


def is_reserved(username):
    return username.lower() in RESERVED_USERNAMES
