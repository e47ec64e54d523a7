"""The podcast: conversations with clinicians and family members about CRAFT skills.

One `PodcastIndexPage` per language holds that language's episodes and serves its RSS feed at
`feed/`. Episodes are translated with wagtail-localize: their number, release date and audio are
synchronised from English, while a Spanish translation may override the audio with a
Spanish-language recording (see `use_translated_recording`).
"""

import json
import math
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.models import OverridableSegment, SegmentOverride, Translation, TranslationSource
from wagtailmedia.edit_handlers import MediaChooserPanel

from blog.podcast_blocks import ShowNotesBlock, TranscriptBlock
from blog.podcast_feed import podcast_feed_response
from cms.localized_fields import synchronized, translated
from cms.models import ReviewedTranslatableMixin, optional_image
from cms.privacy import public
from cms.routes import TranslatedRoutablePageMixin
from cms.routing import OneChildTypeRoutingMixin
from cms.shared_pieces import for_everyone, for_readers_of, render_part
from cms.translation_notice import TranslationNoticeMixin
from comments.models import CommentablePageMixin

from .featured_image import FeaturedImageMixin
from .topics import TopicLinksPageForm

EPISODES_PER_PAGE = 10

# Apple Podcasts' own category names (https://podcasters.apple.com/support/1691-apple-podcasts-categories):
# stored as "Category/Subcategory" because the feed must spell them exactly, in English, in every language.
PODCAST_CATEGORIES = [
    ("Health & Fitness/Mental Health", _("Health & Fitness › Mental Health")),
    ("Health & Fitness/Medicine", _("Health & Fitness › Medicine")),
    ("Kids & Family/Parenting", _("Kids & Family › Parenting")),
    ("Society & Culture/Relationships", _("Society & Culture › Relationships")),
    ("Education/Self-Improvement", _("Education › Self-Improvement")),
]


class Guest(ReviewedTranslatableMixin, index.Indexed, models.Model):
    """Someone who joins an episode: a clinician, a researcher, or a family member who agreed to speak."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(
        _("role"), max_length=160, help_text=_('For example "Family therapist" or "Mother of a son in recovery".')
    )
    bio = models.TextField(_("short biography"), max_length=600, blank=True)
    photo = optional_image(_("photo"))

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("bio"), FieldPanel("photo")]
    # A person's name is the same in every language; what they do and their story are translated.
    translatable_fields = [*synchronized("name", overridable=False), *translated("role", "bio"), *synchronized("photo")]
    search_fields = [index.SearchField("name"), index.SearchField("role"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("podcast guest")
        verbose_name_plural = _("podcast guests")

    def __str__(self):
        return self.name


class PodcastIndexPage(TranslationNoticeMixin, TranslatedRoutablePageMixin, OneChildTypeRoutingMixin, Page):
    """The show: its artwork and description, the list of episodes, and the RSS feed podcast apps read."""

    description = models.TextField(
        _("description"),
        max_length=4000,
        help_text=_("What the show is about. Podcast apps show it too (4000 characters at most)."),
    )
    artwork = optional_image(
        _("show artwork"), help_text=_("Square, at least 1400 × 1400 pixels: Apple Podcasts refuses smaller artwork.")
    )
    author = models.CharField(_("author"), max_length=120, help_text=_("Shown as the show's author in podcast apps."))
    owner_name = models.CharField(_("owner name"), max_length=120)
    owner_email = models.EmailField(
        _("owner email"), help_text=_("Podcast directories write here to confirm ownership. It is public in the feed.")
    )
    category = models.CharField(
        _("category"), max_length=80, choices=PODCAST_CATEGORIES, default=PODCAST_CATEGORIES[0][0]
    )
    explicit = models.BooleanField(_("explicit"), default=False)
    apple_podcasts_url = models.URLField(_("Apple Podcasts link"), blank=True)
    spotify_url = models.URLField(_("Spotify link"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.PodcastEpisodePage"]
    child_select_related = ("audio", "featured_image")
    max_count_per_parent = 1

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("artwork"),
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldRowPanel([FieldPanel("owner_name"), FieldPanel("owner_email")]),
                FieldPanel("category"),
                FieldPanel("explicit"),
            ],
            heading=_("Podcast directories"),
        ),
        MultiFieldPanel([FieldPanel("apple_podcasts_url"), FieldPanel("spotify_url")], heading=_("Subscribe links")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("description")]
    # Title, slug, description and author are translated (wagtail-localize's defaults for text).
    # A Spanish page may use its own artwork, and link to the show's Spanish listing in each directory.
    override_translatable_fields = [
        *synchronized("artwork", "apple_podcasts_url", "spotify_url"),
        *synchronized("owner_name", "owner_email", "category", "explicit", overridable=False),
    ]

    class Meta:
        verbose_name = _("podcast index page")

    @property
    def category_parts(self):
        """("Health & Fitness", "Mental Health"): the feed nests the subcategory inside its category."""
        category, _slash, subcategory = self.category.partition("/")
        return category, subcategory

    def episodes(self):
        """This language's published, public episodes, newest first, with what listings show."""
        return (
            public(PodcastEpisodePage.objects.child_of(self).live())
            .filter(audio__isnull=False)
            .select_related("audio")
            .prefetch_related(
                Prefetch(
                    "guest_appearances",
                    queryset=EpisodeGuest.objects.filter(guest__live=True)
                    .select_related("guest")
                    .order_by("sort_order"),
                )
            )
            .order_by("-release_date", "-episode_number")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["episodes"] = for_everyone(
            "podcast-episodes",
            f"{self.pk}-{request.GET.urlencode()}",
            lambda: render_part(
                "blog/includes/podcast_episodes.html",
                {"episodes": Paginator(self.episodes(), EPISODES_PER_PAGE).get_page(request.GET.get("page"))},
                request,
            ),
            request,
        )
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        return podcast_feed_response(request, self)

    def get_feed_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("feed")

    def get_full_feed_url(self, request=None):
        return self.get_full_url(request) + self.reverse_subpage("feed")


class PodcastEpisodePage(
    TranslationNoticeMixin, CommentablePageMixin, TranslatedRoutablePageMixin, FeaturedImageMixin, Page
):
    """One conversation: the recording, who took part, show notes and a full transcript."""

    episode_number = models.PositiveIntegerField(_("episode number"))
    season_number = models.PositiveIntegerField(_("season number"), null=True, blank=True)
    release_date = models.DateTimeField(
        _("release date"), default=timezone.now, help_text=_("Podcast apps sort episodes by this date.")
    )
    audio = models.ForeignKey(
        settings.WAGTAILMEDIA["MEDIA_MODEL"],
        verbose_name=_("audio"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"type": "audio"},
        help_text=_("Upload MP3, M4A, OGG or WAV. Duration and size are read from the file."),
    )
    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("One or two sentences, shown in the episode list and podcast apps.")
    )
    show_notes = StreamField(ShowNotesBlock(), verbose_name=_("show notes"), blank=True)
    transcript = StreamField(
        TranscriptBlock(),
        verbose_name=_("transcript"),
        blank=True,
        help_text=_("Everything said in the episode: deaf listeners and Spanish speakers rely on it."),
    )
    explicit = models.BooleanField(_("explicit"), default=False)

    parent_page_types = ["blog.PodcastIndexPage"]
    subpage_types = []
    base_form_class = TopicLinksPageForm

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("episode_number"), FieldPanel("season_number"), FieldPanel("release_date")]),
        MediaChooserPanel("audio", media_type="audio"),
        FieldPanel("summary"),
        InlinePanel("guest_appearances", label=_("Guests")),
        *FeaturedImageMixin.featured_image_panels,
        FieldPanel("show_notes"),
        FieldPanel("transcript"),
        InlinePanel("topic_links", label=_("Topics")),
        FieldPanel("explicit"),
    ]
    settings_panels = [
        *Page.settings_panels,
        *CommentablePageMixin.comment_panels,
        *TranslationNoticeMixin.translation_notice_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("show_notes"),
        index.SearchField("transcript"),
        # Who took part and the topics rank with the summary in site search (cms.search_index).
        index.RelatedFields("guest_appearances", [index.RelatedFields("guest", [index.SearchField("name")])]),
        index.RelatedFields("topic_links", [index.RelatedFields("topic", [index.SearchField("name")])]),
    ]
    # Text, show notes, transcript, and the guest and topic links (to the Spanish guest and topic)
    # are translated: wagtail-localize's defaults. Spelled out here for the reader.
    # Staff cite "episode 12" in both languages, and the feeds must agree on dates. The image and
    # the recording are overridable: a translation may carry its own recording in its language.
    override_translatable_fields = [
        *translated("summary", "featured_image_alt", "show_notes", "transcript", "guest_appearances", "topic_links"),
        *synchronized("episode_number", "season_number", "release_date", "explicit", overridable=False),
        *synchronized("featured_image", "audio"),
    ]

    class Meta:
        verbose_name = _("podcast episode")

    def clean(self):
        super().clean()
        if self.audio is not None and self.audio.type != "audio":
            raise ValidationError({"audio": _("Choose an audio item, not a video.")})

    @property
    def guests(self):
        # A guest still waiting for review is left out (the prefetch in get_context filters too).
        return [appearance.guest for appearance in self.guest_appearances.all() if appearance.guest.live]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["article"] = for_readers_of(self, "podcast-episode", lambda: self.article(request), request)
        return context

    def article(self, request):
        """The episode before its comments, as every reader of one kind sees it (`cms.shared_pieces`)."""
        if not getattr(request, "is_preview", False):
            # The guests with their photos and the topics in two queries, not one per guest and
            # topic. Not in a preview: there the unsaved guests and topics are the ones to show.
            prefetch_related_objects(
                [self],
                Prefetch(
                    "guest_appearances",
                    queryset=EpisodeGuest.objects.filter(guest__live=True)
                    .select_related("guest__photo")
                    .order_by("sort_order"),
                ),
                Prefetch(
                    "topic_links",
                    queryset=EpisodeTopic.objects.filter(topic__live=True)
                    .select_related("topic")
                    .order_by("sort_order"),
                ),
            )
        context = {"page": self, "index": self.get_parent().specific}
        return render_part("blog/includes/podcast_episode_article.html", context, request)

    @property
    def duration_seconds(self):
        # Half a second rounds up, as players display it (Python's round() would round 2.5 to 2).
        return math.floor(self.audio.duration + 0.5) if self.audio else 0

    @property
    def duration_display(self):
        """4:05 or 1:02:09, as podcast apps write it."""
        minutes, seconds = divmod(self.duration_seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"

    @property
    def duration_iso(self):
        """PT4M5S: the machine-readable duration for `<time datetime>`."""
        return f"PT{self.duration_seconds}S"

    @property
    def chapters(self):
        return [block.value for block in self.show_notes if block.block_type == "chapter"]

    def audio_url(self):
        return audio_url(self.audio) if self.audio else ""

    def audio_download_url(self):
        return audio_url(self.audio, download=True) if self.audio else ""

    def feed_guid(self):
        """The same for every version of this episode in one language: titles and slugs may change."""
        return f"urn:uuid:{uuid.uuid5(self.translation_key, self.locale.language_code)}"

    @path(_("transcript/"), name="transcript")
    def transcript_view(self, request):
        """The transcript alone: the address podcast apps fetch from the feed's `podcast:transcript`."""
        return self.render(request, template="blog/podcast_transcript.html")

    def get_transcript_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("transcript")

    def get_full_transcript_url(self, request=None):
        return self.get_full_url(request) + self.reverse_subpage("transcript")


class EpisodeGuest(TranslatableMixin, Orderable):
    """A guest's appearance in an episode; the Spanish episode links to the Spanish guest."""

    page = ParentalKey(PodcastEpisodePage, on_delete=models.CASCADE, related_name="guest_appearances")
    guest = models.ForeignKey(Guest, verbose_name=_("guest"), on_delete=models.CASCADE, related_name="appearances")

    panels = [FieldPanel("guest")]
    translatable_fields = translated("guest")

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("guest appearance")


class EpisodeTopic(TranslatableMixin, Orderable):
    """Episodes share the Q&A posts' topics, so a topic gathers both."""

    page = ParentalKey(PodcastEpisodePage, on_delete=models.CASCADE, related_name="topic_links")
    topic = models.ForeignKey(
        "blog.Topic", verbose_name=_("topic"), on_delete=models.CASCADE, related_name="podcast_episode_links"
    )

    panels = [FieldPanel("topic")]
    translatable_fields = translated("topic")

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("episode topic")


class PodcastFeedState(models.Model):
    """What a language's feed last showed (its ETag) and since when: the feed's Last-Modified.

    Publication dates alone cannot tell that an episode was unpublished, deleted, made private
    or given a new file, so a podcast app asking If-Modified-Since would keep a stale list. The
    feed compares its ETag with the one stored here and, when they differ, moves this date on.
    """

    index = models.OneToOneField(
        PodcastIndexPage, verbose_name=_("podcast"), on_delete=models.CASCADE, related_name="feed_state"
    )
    etag = models.CharField(_("ETag"), max_length=80)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("podcast feed state")

    def __str__(self):
        return f"{self.index_id}: {self.etag} since {self.changed_at:%Y-%m-%d %H:%M:%S}"


def audio_url(media_item, download=False):
    """The address of an audio file, served with range support by `blog.media_views.serve_audio`.

    One address per file whatever the visitor's language, so podcast apps and caches see one file.
    """
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("blog:podcast_audio", args=[media_item.pk, media_item.filename])
    return f"{url}?download=1" if download else url


@transaction.atomic
def use_translated_recording(episode, media_item, locale, user=None, publish=True):
    """Give `episode`'s translation in `locale` its own recording (say, one recorded in Spanish).

    With `publish`, the translation is published with it at once; without, it is applied the next
    time the translation is published.

    wagtail-localize keeps this as an override of the synchronised `audio` field, so later syncs
    from English keep it. Its translation editor has no media chooser, so this is how it is set (the admin's
    "Recording in this language" page, blog.podcast_admin.translated_recording).
    """
    source = TranslationSource.objects.get_for_instance(episode)
    segment = OverridableSegment.objects.select_related("context").get(source=source, context__path="audio")
    SegmentOverride.objects.update_or_create(
        locale=locale,
        context=segment.context,
        defaults={"data_json": json.dumps(media_item.pk), "last_translated_by": user},
    )
    if publish:
        Translation.objects.get(source=source, target_locale=locale).save_target(user=user, publish=True)
    # Otherwise the choice waits with the translation's other strings: wagtail-localize writes a
    # "draft" into the live page row, so only publishing (a reviewer's approval) may apply it.
    return episode.get_translation(locale)
