"""Blocks every app's StreamFields share. `cms` imports no app, so the content inside them is given
by the app that uses them (learning.blocks, blog.blocks)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


def expands_content_notes(user):
    """Whether the signed-in member chose, in their profile, to always open passages with a content note.

    The profile comes with the account (members.backends), so this costs no query; cms reads it by
    attribute rather than importing members. Visitors and accounts without a profile get the default:
    collapsed.
    """
    if user is None or not user.is_authenticated:
        return False
    profile = getattr(user, "member_profile", None)
    return bool(profile is not None and getattr(profile, "expand_content_notes", False))


class ContentNoteBlock(blocks.StructBlock):
    """A passage readers choose to open, behind a note that says what it describes.

    Rendered as `<details>` so it works without JavaScript. The note is a text block, so
    wagtail-localize translates it with the page. Give the passage's content as a child named
    "content": `ContentNoteBlock([("content", SomeStreamBlock())])`, a stream of the blocks the page
    body already allows.
    """

    note = blocks.CharBlock(
        label=_("content note"),
        max_length=200,
        help_text=_("What the passage describes, for example “describes an overdose” or “mentions suicide”."),
    )

    class Meta:
        icon = "warning"
        label = _("Content note")
        template = "cms/blocks/content_note.html"
        description = _("A passage readers open only if they choose to, behind a short note about what it describes.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["expanded"] = expands_content_notes(getattr((parent_context or {}).get("request"), "user", None))
        return context
