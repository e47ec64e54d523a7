"""The home page and the generic pages (about, membership, privacy, comment policy)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.models import optional_image
from cms.shared_pieces import for_readers_of, render_part
from cms.translation_notice import TranslationNoticeMixin

from .blocks import FeaturedLinkBlock, StandardBodyBlock


class HomePage(TranslationNoticeMixin, Page):
    """One per language: the front door for families who have just found the site."""

    hero_heading = models.CharField(_("hero heading"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=400, blank=True)
    hero_image = optional_image(_("hero image"))
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul"], blank=True)
    featured_links = StreamField([("featured_link", FeaturedLinkBlock())], verbose_name=_("featured links"), blank=True)
    join_heading = models.CharField(_("membership heading"), max_length=120, blank=True)
    join_text = models.TextField(_("membership text"), max_length=400, blank=True)
    join_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("membership page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the 'become a member' button leads."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.StandardPage", "learning.LearningIndexPage", "blog.BlogIndexPage", "blog.PodcastIndexPage"]
    max_count_per_parent = 1

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        FieldPanel("featured_links"),
        MultiFieldPanel(
            [FieldPanel("join_heading"), FieldPanel("join_text"), FieldPanel("join_page")],
            heading=_("Become a member"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_heading"), index.SearchField("intro")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["parts"] = for_readers_of(self, "home", lambda: self.parts(request), request)
        return context

    def parts(self, request):
        """The page as every reader sees it (`cms.shared_pieces`), around a member's resume points."""
        context = {"page": self}
        return {
            "hero": render_part("home/includes/home_hero.html", context, request),
            "sections": render_part("home/includes/home_sections.html", context, request),
        }


class StandardPage(TranslationNoticeMixin, Page):
    """About, membership, privacy policy, comment policy: pages of plain content."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(StandardBodyBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
