"""Blocks of a podcast episode: its show notes (text, chapters, learning-module references and links)
and its transcript (what was said, with passages behind content notes)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.blocks import ContentNoteBlock, LearningReferenceBlock

TRANSCRIPT_FEATURES = ["bold", "italic", "link", "h3", "ul"]


class ChapterValue(blocks.StructValue):
    @property
    def start_seconds(self):
        return self["minutes"] * 60 + self["seconds"]

    @property
    def start_display(self):
        return f"{self['minutes']}:{self['seconds']:02}"


class ChapterBlock(blocks.StructBlock):
    """A point in the recording listeners can jump to; the player lists the chapters in order.

    The start time is kept in number blocks, not text: wagtail-localize translates every text
    block, and a translator must not be able to move a chapter by retyping "12:30".
    """

    minutes = blocks.IntegerBlock(label=_("minutes"), min_value=0, max_value=600)
    seconds = blocks.IntegerBlock(label=_("seconds"), min_value=0, max_value=59, default=0)
    title = blocks.CharBlock(label=_("chapter title"), max_length=120)

    class Meta:
        value_class = ChapterValue
        icon = "time"
        label = _("Chapter")
        template = "blog/blocks/podcast_chapter.html"
        description = _("A chapter of the recording: where it starts and what it covers.")
        preview_value = {"minutes": 2, "seconds": 15, "title": "Why listening lowers conflict"}


class ResourceLinkBlock(blocks.StructBlock):
    """A link mentioned in the conversation (a study, a help line, a book)."""

    title = blocks.CharBlock(label=_("title"), max_length=160)
    url = blocks.URLBlock(label=_("link"))

    class Meta:
        icon = "link"
        label = _("Resource link")
        template = "blog/blocks/podcast_resource_link.html"
        description = _("A link to something mentioned in the episode.")
        preview_value = {"title": "Find a treatment provider", "url": "https://findtreatment.gov/"}


class ShowNotesBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        preview_value="<p>In this episode we talk about listening without arguing.</p>",
    )
    chapter = ChapterBlock()
    # The same "Module 6, segment 1" links as the learning modules and Q&A answers use.
    learning_reference = LearningReferenceBlock()
    resource_link = ResourceLinkBlock()


class TranscriptPassageBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Text"), features=TRANSCRIPT_FEATURES)


class TranscriptBlock(TranscriptPassageBlock):
    """Everything said in the episode; a hard section (an overdose told in detail) can sit behind a
    content note. One level only: a passage behind a note holds no further notes."""

    content_note = ContentNoteBlock([("content", TranscriptPassageBlock(label=_("passage")))])
