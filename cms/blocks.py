"""Blocks every app's StreamFields share, as bakerydemo keeps `base/blocks.py`: one captioned image,
one quote, one callout, one learning reference, one content note.

`cms` imports no app, so what depends on an app is named by string: the learning reference chooses
`learning.ModulePage`/`learning.SegmentPage`/`learning.Exercise` by name and renders through
learning's template, which resolves the target with learning's own template tag. The content inside
a content note is given by the app that uses it (learning.blocks, blog.blocks).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


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


class SharedBlock(blocks.StructBlock):
    """A shared block renders `cms/blocks/<name>.html`: ContentNoteBlock's is `cms/blocks/content_note.html`.

    The template is found by the class's name, as Django's generic views find `<app>/<model>_detail.html`;
    a block whose template lives elsewhere names it in `Meta.template` (the learning reference's is
    learning's).
    """

    def get_template(self, value=None, context=None):
        name = re.sub(r"(?<!^)(?=[A-Z])", "_", type(self).__name__.removesuffix("Block")).lower()
        return super().get_template(value, context) or f"cms/blocks/{name}.html"


class ContentNoteBlock(SharedBlock):
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
        description = _("A passage readers open only if they choose to, behind a short note about what it describes.")
        # The block picker's preview shows the closed note; each page type brings its own passages.
        preview_value = {"note": "describes a relapse"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["expanded"] = expands_content_notes(getattr((parent_context or {}).get("request"), "user", None))
        return context


class CaptionedImageBlock(SharedBlock):
    """An image with a caption; its photo credit comes from the image itself."""

    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"), max_length=255, help_text=_("Describe the image for screen readers.")
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        description = _("An image with alternative text, a caption and its photo credit.")


class QuoteBlock(SharedBlock):
    quote = blocks.TextBlock(label=_("quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        description = _("A short quotation with an optional attribution.")
        preview_value = {"quote": "We started with one calm conversation a week.", "attribution": "A parent"}


class CalloutBlock(SharedBlock):
    """A boxed aside: a practical tip, a note, or a safety reminder the reader must not miss.

    The tone is a choice, not text, so translators cannot change it; its name is printed above the
    text too, so the box does not rely on colour alone. Segments' callouts were `kind` tip/caution until
    learning's migration 0006 renamed the child to `tone`, a caution becoming a safety reminder.
    """

    tone = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("tip", _("Tip")), ("note", _("Note")), ("safety", _("Safety"))],
        default="tip",
    )
    heading = blocks.CharBlock(label=_("heading"), max_length=120, required=False)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        description = _("A highlighted tip, note or safety reminder.")
        preview_value = {
            "tone": "tip",
            "heading": "Try this tonight",
            "text": "<p>Name one thing you appreciated today, without adding a but.</p>",
        }


class LearningReferenceBlock(SharedBlock):
    """A link to "Module N, segment M" or "Exercise #N" that survives renames and moves.

    Add it to any StreamField (home's standard pages, the segment body, Q&A answers and podcast show
    notes have it). The editor picks a module or segment page, or an exercise snippet; it is stored
    by id, and the label ("Module 6, segment 1", "Exercise #16: Key Observations") is worked out when
    the page is rendered, in the visitor's language, by learning's template and its
    `learning_reference` tag (learning.references). A target that is unpublished, deleted or not yet
    translated-and-live renders as plain text, never a broken link. Segment and exercise titles are
    shown to members only, since their content is members-only. How rich text references the course
    is told in learning.references.
    """

    page = blocks.PageChooserBlock(
        label=_("module or segment"),
        page_type=["learning.ModulePage", "learning.SegmentPage"],
        required=False,
    )
    exercise = SnippetChooserBlock("learning.Exercise", label=_("exercise"), required=False)
    link_text = blocks.CharBlock(
        label=_("link text"),
        max_length=120,
        required=False,
        help_text=_('Leave empty to show, for example, "Module 6, segment 1".'),
    )

    class Meta:
        icon = "link"
        label = _("Learning module reference")
        template = "learning/blocks/learning_reference.html"
        description = _("A link to a learning module, a segment or an exercise.")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("exercise")):
            message = _("Choose either a module or segment, or an exercise (one of them).")
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(message), "exercise": ValidationError(message)}
            )
        return value
