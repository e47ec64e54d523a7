"""The course pages: one learning index per language, numbered modules, numbered segments."""

from django import forms
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Collection, Page, PageViewRestriction
from wagtail.search import index
from wagtailmedia.edit_handlers import MediaChooserPanel

from cms.localized_fields import synchronized
from cms.membership import MEMBERS_GROUP
from cms.models import optional_image
from cms.routes import TranslatedRoutablePageMixin
from cms.routing import OneChildTypeRoutingMixin
from cms.translation_notice import TranslationNoticeMixin
from comments.models import OptInCommentablePageMixin
from learning.blocks import SegmentBodyBlock

# Numbered pages get their slug from their number, in the words of their language, so staff can
# say "Module 6, segment 1" and members can type /learning/module-6/segment-1/.
SLUG_WORDS = {
    "module": {"en": "module", "es": "modulo"},
    "segment": {"en": "segment", "es": "segmento"},
}

SEARCH_ENGINE_PANELS = [
    MultiFieldPanel([FieldPanel("seo_title"), FieldPanel("search_description")], heading=_("For search engines")),
]


class NumberedPageForm(WagtailAdminPageForm):
    """Checks a new page's number against its future siblings (the model cannot see its parent yet)."""

    def clean(self):
        cleaned_data = super().clean()
        number = cleaned_data.get("number")
        if number is not None and not self.instance.pk and self.parent_page is not None:
            error = self._meta.model.number_taken_error(self.parent_page, number)
            if error:
                self.add_error("number", error)
        return cleaned_data


class NumberedPageCopyForm(CopyForm):
    """Copying a numbered page: its slug follows its number, and a number taken at the destination is refused.

    A copy keeps its number (and Wagtail copies its revisions with it), so copying Segment 2 into a
    module that has a Segment 2 would make two of them; the editor is told so instead of getting a
    server error. The slug is derived from the number, so it is not asked for.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_slug"].required = False
        self.fields["new_slug"].widget = forms.HiddenInput()

    def clean(self):
        page = self.page.specific
        parent = self.cleaned_data.get("new_parent_page") or self.page.get_parent()
        self.cleaned_data["new_slug"] = page.numbered_slug()
        cleaned_data = super().clean()
        error = page.number_taken_error(parent, page.number)
        if error:
            self._errors.pop("new_slug", None)
            self.add_error("new_parent_page", page.copy_refused_message % {"number": page.number})
        cleaned_data["new_slug"] = page.numbered_slug()
        return cleaned_data


class NumberedPageMixin(models.Model):
    """A page whose number is unique among its siblings and makes up its slug.

    Numbers are synchronised across translations, not translated: staff cite "Module 6, segment 1"
    in both languages. The slug is derived, so it is synchronised too and never shown to editors.
    """

    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])

    slug_word = None  # a key of SLUG_WORDS
    base_form_class = NumberedPageForm
    copy_form_class = NumberedPageCopyForm
    override_translatable_fields = synchronized("number", "slug")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.number is not None:
            self.slug = self.numbered_slug()
        return super().save(*args, **kwargs)

    @classmethod
    def number_taken_error(cls, parent, number, page=None):
        siblings = cls.objects.child_of(parent).filter(number=number)
        if page is not None and page.pk:
            siblings = siblings.exclude(pk=page.pk)
        if siblings.exists():
            return cls.number_taken_message % {"number": number}
        return None

    def can_move_to(self, parent):
        """The admin's move chooser offers only parents where this number is free."""
        if not super().can_move_to(parent):
            return False
        return self.is_child_of(parent) or self.number_taken_error(parent, self.number, self) is None

    def numbered_slug(self):
        if self.locale_id is None and self.path:
            self.locale = self.get_default_locale()
        language = self.locale.language_code if self.locale_id else "en"
        words = SLUG_WORDS[self.slug_word]
        return f"{words.get(language, words['en'])}-{self.number}"

    def full_clean(self, *args, **kwargs):
        if self.number is not None:
            self.slug = self.numbered_slug()
        super().full_clean(*args, **kwargs)

    def clean(self):
        if self.number is not None and self.path:
            error = self.number_taken_error(self.get_parent(), self.number, self)
            if error:
                raise ValidationError({"number": error})
        super().clean()


class LearningIndexPage(TranslationNoticeMixin, TranslatedRoutablePageMixin, OneChildTypeRoutingMixin, Page):
    """ "Learning Modules": the course, one per language, visible to members only.

    Page privacy (a Members-group restriction, ensured on every save) keeps the course out of
    search, sitemaps and the API; serving is checked with `is_member` by the `before_serve_page`
    hook in wagtail_hooks, which shows everyone else the public overview instead.
    """

    intro = RichTextField(_("introduction for members"), features=["bold", "italic", "link"], blank=True)
    overview_intro = models.TextField(
        _("introduction for visitors"),
        max_length=600,
        blank=True,
        help_text=_("Shown above the module titles and summaries to people who are not members yet."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["learning.ModulePage"]
    child_select_related = ("hero_image",)
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("overview_intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("learning index page")

    def get_context(self, request, *args, **kwargs):
        from learning.course import course_outline

        context = super().get_context(request, *args, **kwargs)
        context["course"] = course_outline(self, request.user)
        return context

    def serve_public_overview(self, request):
        from learning.course import public_modules

        return TemplateResponse(
            request,
            "learning/learning_overview.html",
            {"page": self, "self": self, "modules": public_modules(self)},
        )

    @path(_("exercise-<int:number>/"), name="exercise")
    def exercise_route(self, request, number):
        from learning.journal import exercise_view

        return exercise_view(request, self, number)

    @path(_("journal/"), name="journal")
    def journal_route(self, request):
        from learning.journal import journal_view

        return journal_view(request, self)


class ModulePage(TranslationNoticeMixin, NumberedPageMixin, OneChildTypeRoutingMixin, Page):
    summary = models.TextField(_("summary"), max_length=600, help_text=_("Shown in the public overview too."))
    hero_image = optional_image(_("hero image"))
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated time in minutes"), validators=[MinValueValidator(1)]
    )
    learning_goals = StreamField(
        [("goal", blocks.CharBlock(label=_("goal"), max_length=200))],
        verbose_name=_("learning goals"),
        blank=True,
    )

    slug_word = "module"
    number_taken_message = _("Module %(number)s already exists in this course. Choose another number.")
    copy_refused_message = _(
        "Module %(number)s already exists in that course, and a copy keeps its number. Copy it into a "
        "course without a module %(number)s, or add a new module instead."
    )
    parent_page_types = ["learning.LearningIndexPage"]
    subpage_types = ["learning.SegmentPage"]
    child_select_related = ("video",)

    content_panels = [
        *Page.content_panels,
        FieldPanel("number"),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("estimated_minutes"),
        FieldPanel("learning_goals"),
    ]
    promote_panels = SEARCH_ENGINE_PANELS
    override_translatable_fields = NumberedPageMixin.override_translatable_fields + synchronized(
        "hero_image", "estimated_minutes"
    )
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        verbose_name = _("module page")

    def __str__(self):
        return f"{self.label}: {self.title}"

    @property
    def label(self):
        return _("Module %(number)s") % {"number": self.number}

    def has_untranslated_parts(self, source):
        """Whether `source` (the English module) has live segments with no live translation here."""
        translated = SegmentPage.objects.child_of(self).live().values("translation_key")
        return SegmentPage.objects.child_of(source).live().exclude(translation_key__in=translated).exists()

    def get_context(self, request, *args, **kwargs):
        from learning.course import module_outline

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = module_outline(self, request.user)
        return context


class SegmentPage(
    TranslationNoticeMixin, OptInCommentablePageMixin, NumberedPageMixin, TranslatedRoutablePageMixin, Page
):
    video_url = models.URLField(
        _("video link"),
        blank=True,
        help_text=_(
            "A video on a service such as YouTube or Vimeo. Members get a link to watch it there: it is "
            "never embedded, so nothing loads from that service unless they follow the link."
        ),
    )
    video = models.ForeignKey(
        "cms.SiteMedia",
        verbose_name=_("uploaded video"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A video from the members-only media collection, streamed to members only."),
    )
    body = StreamField(SegmentBodyBlock(), verbose_name=_("body"))

    slug_word = "segment"
    number_taken_message = _("Segment %(number)s already exists in this module. Choose another number.")
    copy_refused_message = _(
        "Segment %(number)s already exists in that module, and a copy keeps its number. Copy it into a "
        "module without a segment %(number)s, or add a new segment instead."
    )
    parent_page_types = ["learning.ModulePage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("number"),
        # The video chooser lists videos only: the media library also holds the podcast's audio.
        MultiFieldPanel([FieldPanel("video_url"), MediaChooserPanel("video", media_type="video")], heading=_("Video")),
        FieldPanel("body"),
    ]
    promote_panels = SEARCH_ENGINE_PANELS
    settings_panels = [
        *Page.settings_panels,
        *OptInCommentablePageMixin.comment_panels,
        *TranslationNoticeMixin.translation_notice_panels,
    ]
    override_translatable_fields = NumberedPageMixin.override_translatable_fields + synchronized("video_url", "video")
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("segment page")

    def __str__(self):
        return _("Segment %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    @property
    def module(self):
        return self.get_parent().specific

    def clean(self):
        super().clean()
        if self.video_id and self.video.type != "video":
            raise ValidationError({"video": _("Choose a video, not an audio item.")})
        if self.video_id and not self.video.collection.get_view_restrictions().exists():
            raise ValidationError(
                {
                    "video": _(
                        "Choose a video from a members-only collection (a collection with privacy set to "
                        "the Members group), so that only members can watch it."
                    )
                }
            )

    def get_context(self, request, *args, **kwargs):
        from learning.course import segment_context

        context = super().get_context(request, *args, **kwargs)
        context.update(segment_context(self, request.user))
        return context

    @path(_("progress/"), name="progress")
    def progress_route(self, request):
        from learning.progress import progress_view

        return progress_view(request, self)


def refuse_duplicate_number_on_move(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """`Page.move` checks nothing: never let a move make two modules (or segments) with one number.

    The admin's move chooser already hides such destinations (`can_move_to`); this covers code and
    any other path, before anything is changed.
    """
    page = instance.specific
    if not isinstance(page, NumberedPageMixin) or parent_page_before.pk == parent_page_after.pk:
        return
    error = page.number_taken_error(parent_page_after, page.number, page)
    if error:
        raise ValidationError({"number": error})


def members_group():
    return Group.objects.get_or_create(name=MEMBERS_GROUP)[0]


def ensure_members_only(page):
    """Give the course page a Members-group view restriction unless it already has one."""
    group = members_group()
    if PageViewRestriction.objects.filter(
        page=page, restriction_type=PageViewRestriction.GROUPS, groups=group
    ).exists():
        return
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)


def ensure_members_only_collection(name):
    """The collection for segment videos, with Wagtail's collection privacy set to Members."""
    from wagtail.models import CollectionViewRestriction

    collection = Collection.get_first_root_node().get_children().filter(name=name).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
    group = members_group()
    if not collection.view_restrictions.filter(groups=group).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.add(group)
    return collection
