"""StreamField blocks of the learning modules.

The blocks other apps share (captioned image, quote, callout, the learning reference) live in
cms.blocks; those here belong to the course alone.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.blocks import CalloutBlock, CaptionedImageBlock, ContentNoteBlock, LearningReferenceBlock, QuoteBlock


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


class SegmentImageBlock(CaptionedImageBlock):
    """An image with caption and credit that only members can load.

    Wagtail's renditions are public files; a segment's images are served through the members-only
    image view instead (learning.views.course_image), so their URLs are worthless to anyone else.
    """

    class Meta:
        template = "learning/blocks/segment_image.html"


class SegmentPassageBlock(blocks.StreamBlock):
    """What a segment's body is made of; also the inside of a passage behind a content note."""

    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=["bold", "italic", "link", "ol", "ul", "h3", "h4"], icon="pilcrow"
    )
    key_points = KeyPointsBlock()
    callout = CalloutBlock()
    quote = QuoteBlock()
    image = SegmentImageBlock()
    try_this = TryThisBlock()
    exercise = ExerciseBlock()
    learning_reference = LearningReferenceBlock()


class SegmentBodyBlock(SegmentPassageBlock):
    # One level only: a passage behind a note holds no further notes.
    content_note = ContentNoteBlock([("content", SegmentPassageBlock(label=_("passage")))])
