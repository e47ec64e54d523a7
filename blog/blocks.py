"""Blocks of a Q&A answer: what staff use to write back to a family member."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtailmedia.blocks import AbstractMediaChooserBlock

from cms.blocks import CalloutBlock, CaptionedImageBlock, ContentNoteBlock, LearningReferenceBlock, QuoteBlock


class MediaItemBlock(blocks.StructBlock):
    """An audio or video item from the media library, with an optional transcript for accessibility."""

    item = AbstractMediaChooserBlock(label=_("audio or video"))
    transcript = blocks.TextBlock(label=_("transcript"), required=False, max_length=20000)

    class Meta:
        icon = "media"
        label = _("Audio or video")
        template = "blog/blocks/media_item.html"
        description = _("Play an audio or video item from the media library.")

    def clean(self, value):
        """Posts are public and play the file from its own address: members-only media stays out."""
        value = super().clean(value)
        item = value.get("item")
        if item is not None and item.collection.get_view_restrictions().exists():
            raise blocks.StructBlockValidationError(
                block_errors={
                    "item": ValidationError(
                        _("This file is in a members-only collection and cannot be shown on a public post.")
                    )
                }
            )
        return value


class RelatedLearningBlock(blocks.StructBlock):
    """Points the reader to the modules, segments or exercises that teach the skill the answer uses."""

    heading = blocks.CharBlock(label=_("heading"), max_length=120, required=False)
    references = blocks.ListBlock(LearningReferenceBlock(), label=_("learning references"), min_num=1, max_num=6)

    class Meta:
        icon = "link"
        label = _("Related learning")
        template = "blog/blocks/related_learning.html"
        description = _("Links to the learning modules, segments or exercises behind this answer.")


class AnswerPassageBlock(blocks.StreamBlock):
    """What an answer is made of; also the inside of a passage behind a content note."""

    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4"],
        preview_value="<p>Thank you for writing in. Many families ask the same question.</p>",
    )
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    media_item = MediaItemBlock()
    callout = CalloutBlock()
    related_learning = RelatedLearningBlock()


class AnswerBlock(AnswerPassageBlock):
    # One level only: a passage behind a note holds no further notes.
    content_note = ContentNoteBlock([("content", AnswerPassageBlock(label=_("passage")))])
