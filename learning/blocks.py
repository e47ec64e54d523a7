"""StreamField blocks of the learning modules, and the reference block any app can use.

Referencing a module, a segment or an exercise from another app
---------------------------------------------------------------
Add `LearningReferenceBlock` to any StreamField::

    from learning.blocks import LearningReferenceBlock

    body = StreamField([..., ("learning_reference", LearningReferenceBlock())])

The editor picks a module or segment page, or an exercise snippet. It is stored by id, so it
survives renames, renumbering and moves; the label ("Module 6, segment 1", "Exercise #16: Key
Observations") is worked out when the page is rendered, in the visitor's language. A target that
is unpublished, deleted or not yet translated-and-live renders as plain text, never a broken link.
Segment and exercise titles are shown to members only, since their content is members-only.

In rich text, use Wagtail's ordinary internal-page link to a module or segment: learning's
wagtail_hooks replaces the page link handler so an unpublished or missing target renders without
an href (plain text) and a live one links to its translation in the visitor's language. Exercises
are linked from rich text through their stable short route, `/learning/exercises/16/`.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from home.blocks import CaptionedImageBlock, QuoteBlock


class QuestionBlock(blocks.StructBlock):
    """One question of an exercise; its block id keys the member's answer in every language."""

    question = blocks.CharBlock(label=_("question"), max_length=300)
    hint = blocks.CharBlock(label=_("hint"), max_length=300, required=False)

    class Meta:
        icon = "help"
        label = _("Question")
        description = _("A question the member answers in their private journal.")
        preview_value = {"question": "What did you notice about the moments without substances this week?"}


class KeyPointsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120, default=_("Key points"))
    points = blocks.ListBlock(blocks.CharBlock(label=_("point"), max_length=300), label=_("points"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Key points")
        template = "learning/blocks/key_points.html"
        description = _("A short list of the ideas to remember from this segment.")
        preview_value = {"heading": "Key points", "points": ["Stay calm", "Notice the good moments"]}


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("tip", _("Tip")), ("caution", _("Caution"))],
        default="tip",
    )
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "learning/blocks/callout.html"
        description = _("A highlighted tip, or a caution about safety.")
        preview_value = {"kind": "tip", "text": "<p>Pick a calm moment to talk.</p>"}


class TryThisBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120, default=_("Try this"))
    prompt = blocks.RichTextBlock(label=_("prompt"), features=["bold", "italic", "ol", "ul"])

    class Meta:
        icon = "pick"
        label = _("Try this")
        template = "learning/blocks/try_this.html"
        description = _("A small practice the member can do this week.")
        preview_value = {"heading": "Try this", "prompt": "<p>Thank them for one thing today.</p>"}


class ExerciseBlock(blocks.StructBlock):
    """Places a numbered exercise, with the member's journal form, inside a segment."""

    exercise = SnippetChooserBlock("learning.Exercise", label=_("exercise"))

    class Meta:
        icon = "form"
        label = _("Exercise")
        template = "learning/blocks/exercise.html"
        description = _("One of the numbered exercises, with space for the member's private answers.")


class SegmentBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=["bold", "italic", "link", "ol", "ul", "h3", "h4"], icon="pilcrow"
    )
    key_points = KeyPointsBlock()
    callout = CalloutBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    try_this = TryThisBlock()
    exercise = ExerciseBlock()


class LearningReferenceBlock(blocks.StructBlock):
    """A link to "Module N, segment M" or "Exercise #N" that survives renames and moves.

    See this module's docstring for how other apps use it.
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
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "exercise": ValidationError(message)}
            )
        return value

    def get_context(self, value, parent_context=None):
        from learning.references import resolve_reference

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["reference"] = resolve_reference(
            page=value.get("page"),
            exercise=value.get("exercise"),
            link_text=value.get("link_text"),
            request=request,
        )
        return context
