"""The picture a Q&A post or a podcast episode is shown with, in listings, on its page and in share cards."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from cms.models import optional_image


class FeaturedImageMixin(models.Model):
    """An optional image and the words screen readers say for it: one never goes without the other."""

    featured_image = optional_image(_("featured image"))
    featured_image_alt = models.CharField(
        _("featured image description"),
        max_length=255,
        blank=True,
        help_text=_("Describe the image for screen readers. Leave empty when it is only decorative."),
    )

    featured_image_panels = [
        MultiFieldPanel([FieldPanel("featured_image"), FieldPanel("featured_image_alt")], heading=_("Featured image")),
    ]

    class Meta:
        abstract = True
