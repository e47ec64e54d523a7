"""Content blocks for the home page and standard pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from learning.reference_blocks import LearningReferenceBlock


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


class CaptionedImageBlock(blocks.StructBlock):
    """An image with a caption; its photo credit comes from the image itself."""

    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"), max_length=255, help_text=_("Describe the image for screen readers.")
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "home/blocks/captioned_image.html"
        description = _("An image with alternative text, a caption and its photo credit.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "home/blocks/quote.html"
        description = _("A short quotation with an optional attribution.")


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
