"""The translation side of the roles defined in cms.roles: the Spanish tree and its snippets.

Translators and Spanish reviewers hold page permissions on the Spanish home pages only, and only
the reviewers publish there (cms.roles gives nobody else publish permission in the Spanish tree).
The "Spanish review" workflow, assigned to the Spanish home pages, is how a translation reaches a
reviewer. cms.roles.apply_roles() sets all of it up, after every migrate and whenever a new home
page is made.

The comment moderation word lists (person-first suggestions, safety terms) decide which comments
wait for a person: translators translate them, through the translation editor only (see
wagtail_hooks.py), and never get comment moderation itself.
"""

from cms.roles import (
    MODERATE_COMMENTS,
    MODERATION_WORD_LISTS,
    SPANISH_REVIEWERS,
    TARGET_LANGUAGE,
    TRANSLATORS,
    translatable_snippet_models,
)

__all__ = [
    "MODERATE_COMMENTS",
    "MODERATION_WORD_LISTS",
    "SPANISH_REVIEWERS",
    "TARGET_LANGUAGE",
    "TRANSLATORS",
    "translatable_snippet_models",
]
