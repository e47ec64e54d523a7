"""Content blocks for the home page and standard pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.blocks import CaptionedImageBlock, LearningReferenceBlock, QuoteBlock


class FeaturedLinkBlock(blocks.StructBlock):
    """A card on the home page that leads to a section (learning, blog, podcast)."""

    page = blocks.PageChooserBlock(label=_("page"))
    heading = blocks.CharBlock(label=_("heading"), max_length=80)
    description = blocks.TextBlock(label=_("description"), max_length=300)

    class Meta:
        icon = "link"
        label = _("Featured link")
        template = "home/blocks/featured_link.html"
        description = _("A card that leads to a section of the site.")


class StandardBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Section heading"),
        max_length=120,
        form_classname="title",
        template="home/blocks/heading.html",
    )
    paragraph = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ol", "ul", "h3", "h4"])
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    learning_reference = LearningReferenceBlock()
