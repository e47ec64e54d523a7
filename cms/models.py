"""Site-wide models: images with photo credits, audio/video media, footer snippets, and the base of
every translatable snippet."""

import mimetypes
import os
from urllib.parse import quote

import mutagen
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtailmedia.models import AbstractMedia

from .localized_fields import synchronized, translated

# Renditions of images in a private collection are kept apart, so no alias ever reaches them
# (only `images/` is a plain folder for nginx: cms.protected_media).
PRIVATE_RENDITIONS_FOLDER = "private_images"


def optional_image(verbose_name, **options):
    """A page's or snippet's optional image: emptied, not cascaded, when the image is deleted.

    Every hero image, featured image, artwork and photo is this one field, so they behave alike.
    """
    return models.ForeignKey(
        "cms.CreditedImage",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **options,
    )


def optional_account(verbose_name=None, **options):
    """A record's optional link to a person's account: emptied, not cascaded, when the account is deleted.

    A staff author who leaves, or a member who deletes their account, takes no post, question or
    moderation decision with them; every such link is this one field, so they all behave alike.
    """
    options.setdefault("related_name", "+")
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        **options,
    )


def language_field(verbose_name=None, **options):
    """A record's language, one of the site's (settings.LANGUAGES): a question's, a member's, a synonym's."""
    return models.CharField(verbose_name or _("language"), max_length=8, choices=settings.LANGUAGES, **options)


class CreditedImage(AbstractImage):
    """An image that carries its photo credit, shown wherever it is featured."""

    credit = models.CharField(
        _("photo credit"),
        max_length=255,
        blank=True,
        help_text=_('For example "© Jane Doe via Unsplash". Shown under featured images.'),
    )
    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def is_private(self):
        """An image in a collection with privacy set (course images) is not a public file."""
        return self.collection.get_view_restrictions().exists()

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.refile_renditions()

    def refile_renditions(self):
        """Delete renditions filed under the other privacy; they are made again where they belong.

        A rendition made while the image was public stays readable under /media/images/ after the
        image (or its collection) becomes private, and a private one would stay behind the view.
        Called on save, and by cms.protected_media when a collection's privacy or an image's
        collection changes without a save (bulk moves).
        """
        private = self.is_private()
        for rendition in self.renditions.all():
            if rendition.file.name.startswith(PRIVATE_RENDITIONS_FOLDER + "/") != private:
                rendition.delete()


class CreditedRendition(AbstractRendition):
    image = models.ForeignKey(CreditedImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    def get_upload_to(self, filename):
        """Renditions of private images live outside `images/`, the only folder nginx serves as is."""
        name = super().get_upload_to(filename)
        if self.image.is_private():
            return os.path.join(PRIVATE_RENDITIONS_FOLDER, os.path.basename(name))
        return name

    @property
    def url(self):
        if self.file.name.startswith(PRIVATE_RENDITIONS_FOLDER + "/"):
            return reverse("private_rendition", args=[self.pk, os.path.basename(self.file.name)])
        return self.file.url


class SiteMedia(AbstractMedia):
    """Audio and video items. Duration and size are read from the file, never typed by hand."""

    file_size = models.PositiveBigIntegerField(_("file size in bytes"), null=True, editable=False)
    mime_type = models.CharField(_("MIME type"), max_length=100, blank=True, editable=False)

    admin_form_fields = ("title", "file", "collection", "thumbnail", "tags")

    @property
    def url(self):
        """Through the view that checks who asks (cms.protected_media), never the file's own path."""
        return reverse("media_file", args=[self.pk, self.filename])

    class Meta:
        verbose_name = _("media item")
        verbose_name_plural = _("media items")

    def clean(self):
        super().clean()
        if self.file and not self._read_file_metadata():
            raise ValidationError({"file": _("This file is not an audio or video file we can read.")})

    def save(self, *args, **kwargs):
        if self.file:
            self._read_file_metadata()
        super().save(*args, **kwargs)

    def _read_file_metadata(self):
        """Fill duration, size and MIME type from the file's content; False when it is not media.

        mutagen names formats by codec ("audio/mp3", "audio/vorbis"); feeds and browsers need the
        registered types ("audio/mpeg", "audio/ogg"), so those are stored. An MP4 or MOV file with
        a picture track, or Ogg Theora, is a video and is refused as an audio item; M4A audio shares
        the MP4 container, so the tracks are looked at rather than the name.
        """
        from mutagen.mp4 import MP4, Atoms

        standard_types = {
            "audio/mp3": "audio/mpeg",
            "audio/x-mp3": "audio/mpeg",
            "audio/mpg": "audio/mpeg",
            "audio/x-mpeg": "audio/mpeg",
            "audio/vorbis": "audio/ogg",
            "audio/x-vorbis": "audio/ogg",
            "audio/x-oggflac": "audio/ogg",
            "audio/x-speex": "audio/ogg",
            "application/ogg": "audio/ogg",
            "video/x-theora": "video/ogg",
            "audio/x-m4a": "audio/mp4",
            "audio/wave": "audio/wav",
            "audio/x-wav": "audio/wav",
            "audio/x-aac": "audio/aac",
            "audio/x-flac": "audio/flac",
            "audio/x-aiff": "audio/aiff",
        }
        self.file.seek(0)
        try:
            info = mutagen.File(self.file)
            has_picture_track = isinstance(info, MP4) and any(
                trak[b"mdia", b"hdlr"].read(self.file)[1][8:12] == b"vide"
                for trak in Atoms(self.file)[b"moov"].findall(b"trak")
            )
        except (mutagen.MutagenError, KeyError):
            info = None
        finally:
            self.file.seek(0)
        if info is None or getattr(info, "info", None) is None:
            return False
        mime = info.mime[0] if getattr(info, "mime", None) else None
        mime = mime or mimetypes.guess_type(self.file.name)[0] or "application/octet-stream"
        mime = "video/mp4" if has_picture_track else standard_types.get(mime, mime)
        if self.type == "audio" and mime.startswith("video/"):
            raise ValidationError(
                {"file": _("This is a video file. Upload it as a video, or choose an audio file for this item.")},
                code="video_as_audio",
            )
        self.duration = round(float(info.info.length), 3)
        self.file_size = self.file.size
        self.mime_type = mime
        return True


class ReviewedTranslatableMixin(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin):
    """Draft state, revisions, locking and a review workflow for a translatable snippet.

    Snippets hold words readers rely on (a crisis line's number, the comment policy, the coach's
    word lists): a translation of one must go live only once a reviewer of its language approves
    it, as a page does. So translations follow the workflow assigned to their model (the Spanish
    review, see translation_workflow.groups); the English original has none and goes live as its
    editors' publish permission decides. Public code reads only `live` rows: a translation's first
    draft is a row too, and a live row keeps its published text while a draft waits in a revision.
    """

    revisions = GenericRelation(
        "wagtailcore.Revision", content_type_field="base_content_type", for_concrete_model=False
    )

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def get_workflow(self):
        if self.locale_id is None or self.locale_id == Locale.get_default().pk:
            return None
        return super().get_workflow()


class CrisisResource(ReviewedTranslatableMixin, index.Indexed, models.Model):
    """A help line shown in the footer of every page: crisis help stays one click away."""

    name = models.CharField(_("name"), max_length=120)
    contact = models.CharField(_("how to reach it"), max_length=120, help_text=_('For example "Call or text 988".'))
    url = models.URLField(_("link"), blank=True)
    phone = models.CharField(
        _("number to call"),
        max_length=20,
        blank=True,
        help_text=_('Digits only, for the "Call" link: 988, 18006624357, 911.'),
    )
    text_number = models.CharField(
        _("number to text"), max_length=20, blank=True, help_text=_('Digits only, for the "Text" link: 988.')
    )
    text_keyword = models.CharField(
        _("word to text"),
        max_length=20,
        blank=True,
        help_text=_(
            "The word that asks for help in this language, typed into the reader's text message "
            "(988 answers AYUDA in Spanish). Set it on each language's version; leave it empty when "
            "any message will do."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("contact"),
        FieldPanel("url"),
        FieldPanel("phone"),
        FieldPanel("text_number"),
        FieldPanel("text_keyword"),
        FieldPanel("sort_order"),
    ]
    # Spanish-language services often have their own address, so the link is translatable too.
    # Numbers are the same in both languages. The word to text is not (988 answers AYUDA in
    # Spanish, any message in English), and an empty English value gives wagtail-localize
    # nothing to translate or override: it is left out, so each language's row keeps its own.
    translatable_fields = [*translated("name", "contact", "url"), *synchronized("phone", "text_number", "sort_order")]
    search_fields = [index.SearchField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("crisis resource")
        verbose_name_plural = _("crisis resources")

    def __str__(self):
        return self.name

    @property
    def phone_display(self):
        """ "18006624357" as US readers write it: "1-800-662-4357"; short codes (988, 911) as they are."""
        digits = self.phone
        if len(digits) == 11 and digits.startswith("1"):
            return f"1-{digits[1:4]}-{digits[4:7]}-{digits[7:]}"
        if len(digits) == 10:
            return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
        return digits

    @property
    def call_href(self):
        return f"tel:{self.phone}" if self.phone else ""

    @property
    def text_href(self):
        """An sms: link (RFC 5724) that opens the reader's messages with the word already typed."""
        if not self.text_number:
            return ""
        if self.text_keyword:
            return f"sms:{self.text_number}?body={quote(self.text_keyword)}"
        return f"sms:{self.text_number}"


class SiteFooter(ReviewedTranslatableMixin, models.Model):
    """The short text in every page's footer (one per language)."""

    text = RichTextField(_("footer text"), features=["bold", "italic", "link"])

    panels = [FieldPanel("text")]
    translatable_fields = translated("text")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site footer")
        verbose_name_plural = _("site footer")

    def __str__(self):
        return str(_("Site footer"))


class QueuedEmailQuerySet(models.QuerySet):
    def waiting(self):
        """Messages still to be sent: neither sent nor given up."""
        return self.filter(sent_at__isnull=True, given_up_at__isnull=True)


class QueuedEmail(models.Model):
    """A message the mail server could not take; cms.mail sends it again later."""

    created_at = models.DateTimeField(auto_now_add=True)
    sender = models.CharField(max_length=320)
    recipients = models.JSONField()
    raw = models.TextField(help_text="The whole MIME message, as it would have been sent; emptied once sent.")
    attempts = models.PositiveSmallIntegerField(default=1)
    # Permanent refusals (SMTP 5xx) only: an outage never makes a message give up.
    refusals = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=255, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    given_up_at = models.DateTimeField(null=True, blank=True)

    objects = QueuedEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("queued email")
        verbose_name_plural = _("queued emails")

    def __str__(self):
        return f"queued email {self.pk}"


class SearchEntry(models.Model):
    """One live page as site search reads it (cms.search_index keeps it; cms.search queries it).

    Our own index rather than Wagtail's, whose database backend analyses every page with one
    text-search configuration: here each row's `document` is built with its own language's
    configuration (`craft_en`, `craft_es`), weighted A title, B topics and summaries, C body.
    `document` is filled on PostgreSQL only; SQLite matches the `*_terms` columns (cms.search_text).
    Privacy is not stored: the search filters by the page's tree path at query time, so a privacy
    change or a move is right at once.
    """

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+")
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    title = models.TextField()
    # Summaries and body, plain text, cut to the length a snippet of a result is picked from.
    text = models.TextField(blank=True)
    document = SearchVectorField(null=True)
    title_terms = models.TextField(blank=True)
    topic_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return self.title


class SearchWord(models.Model):
    """A word that occurs in indexed pages of a language: what "Did you mean ...?" proposes.

    `word` is folded (lower case, no accents), as typed queries are compared; `display` keeps the
    first spelling seen with its accents, to be shown.
    """

    language = models.CharField(max_length=8)
    word = models.CharField(max_length=60)
    display = models.CharField(max_length=60)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "word"], name="cms_searchword_unique")]

    def __str__(self):
        return self.display


class SearchSynonym(models.Model):
    """Words families use for the same thing: a search for any of them finds pages with the others."""

    language = language_field()
    terms = models.TextField(
        _("words and phrases"),
        help_text=_(
            "One word or phrase per line, for example relapse, using again, setback. Capitals, accents "
            "and plurals do not matter."
        ),
    )

    panels = [FieldPanel("language"), FieldPanel("terms")]

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["language", "terms"]

    def __str__(self):
        return ", ".join(self.term_list())

    def term_list(self):
        return [term.strip() for line in self.terms.splitlines() for term in line.split(",") if term.strip()]
