"""What our comments add to django-comments-xtd: per-page and site-wide switches, the comment
policy, the language coach's and the safety net's word lists, moderation records and follow-ups.

Comments themselves are `django_comments_xtd.models.XtdComment` rows; nothing here re-implements
threading, flags or storage.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Subquery, TextField
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import TranslatableMixin
from wagtail.search import index

from cms.models import ReviewedTranslatableMixin, optional_account

COMMENT_MAX_LENGTH = 3000
# Long enough to fix a typo or a name shared by mistake; short enough that replies rarely answer
# words that are no longer there.
EDIT_WINDOW = datetime.timedelta(minutes=15)
# A report can be taken back this long after it was sent (a slip of the finger on a phone).
REPORT_UNDO_WINDOW = datetime.timedelta(minutes=1)


def visible_comment_count(**content_type):
    """For `annotate`: the published comments on the outer query's page row, 0 when there are none.

    `content_type` narrows the comments to the page's type (`content_type_id=OuterRef(...)`, or the
    app label and model). One correlated subquery, so listings stay at a constant number of
    queries. Comments hang on a generic key whose `object_pk` is text, hence the cast. Counted in
    django-comments' own table (every comment has its row there): joining django-comments-xtd's
    table as well makes PostgreSQL scan all of it for each page.
    """
    from django_comments.models import Comment

    visible = (
        Comment.objects.filter(
            object_pk=Cast(OuterRef("pk"), TextField()), is_public=True, is_removed=False, **content_type
        )
        .order_by()
        .values("object_pk")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(visible, output_field=models.IntegerField()), 0)


class CommentablePageMixin(models.Model):
    """Mixed into the page types members can comment on; editors switch a single page off here."""

    allow_comments = models.BooleanField(
        _("allow comments"),
        default=True,
        help_text=_("Members can comment on this page. Existing comments stay visible when you switch this off."),
    )

    comment_panels = [FieldPanel("allow_comments")]

    class Meta:
        abstract = True


class OptInCommentablePageMixin(CommentablePageMixin):
    """For pages where comments are the exception (course segments): off until an editor turns them on."""

    allow_comments = models.BooleanField(
        _("allow comments"),
        default=False,
        help_text=_("Let members discuss this page. Off by default."),
    )

    class Meta:
        abstract = True


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    """Site-wide comment switches, in Settings → Comments."""

    comments_open = models.BooleanField(
        _("comments open"),
        default=True,
        help_text=_("Switch off to close commenting on the whole site. Existing comments stay visible."),
    )
    hold_first_comments = models.PositiveSmallIntegerField(
        _("hold a new member's first comments"),
        default=1,
        help_text=_("How many of a member's first comments wait for a moderator before they appear. 0 holds none."),
    )
    flags_to_hide = models.PositiveSmallIntegerField(
        _("reports that hide a comment"),
        default=3,
        help_text=_("A comment reported by this many members is hidden until a moderator reviews it."),
    )

    panels = [FieldPanel("comments_open"), FieldPanel("hold_first_comments"), FieldPanel("flags_to_hide")]

    class Meta:
        verbose_name = _("comments")


class CommentPolicy(ReviewedTranslatableMixin, models.Model):
    """The house rules shown above every comment form, one per language."""

    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences shown above the comment form."),
    )
    body = models.TextField(_("full policy"), max_length=5000, help_text=_("Plain text; blank lines start paragraphs."))

    panels = [FieldPanel("title"), FieldPanel("summary"), FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("comment policy")
        verbose_name_plural = _("comment policy")

    def __str__(self):
        return self.title


def matched_words(verbose_name, max_length=80):
    """The words of a list entry that comments are checked against, all lists alike (comments.language)."""
    return models.CharField(
        verbose_name,
        max_length=max_length,
        help_text=_("Matched as whole words, ignoring capitals and accents; plurals ending in -s or -es too."),
    )


class ModerationWordList(ReviewedTranslatableMixin, index.Indexed, models.Model):
    """An entry of a list comments are checked against (cms.roles.MODERATION_WORD_LISTS).

    Each language keeps its own list; `words_field` names the words matched in comments, by whole
    words and ignoring capitals and accents (comments.language), which editors find them by too.
    """

    words_field = "term"

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def __str__(self):
        return getattr(self, self.words_field)

    @classmethod
    def get_search_fields(cls):
        return [index.SearchField(cls.words_field), index.AutocompleteField(cls.words_field)]


class LanguageSuggestion(ModerationWordList):
    """A stigmatising term and the person-first words the language coach suggests instead."""

    term = matched_words(_("term"))
    suggestion = models.CharField(_("suggestion"), max_length=200)
    note = models.CharField(_("why"), max_length=300, blank=True, help_text=_("Optional: a short, kind reason."))

    panels = [FieldPanel("term"), FieldPanel("suggestion"), FieldPanel("note")]

    class Meta(ModerationWordList.Meta):
        verbose_name = _("person-first language suggestion")
        verbose_name_plural = _("person-first language suggestions")
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} → {self.suggestion}"


class SafetyTerm(ModerationWordList):
    """A word or phrase about suicide or self-harm: a comment containing it waits for a person to read it.

    Every language's terms are checked on every comment, whatever the page's language: people in
    distress write in the language that comes to them.
    """

    term = matched_words(_("term"))

    panels = [FieldPanel("term")]

    class Meta(ModerationWordList.Meta):
        verbose_name = _("safety term")
        verbose_name_plural = _("safety terms")
        ordering = ["term"]


class HoldReason(models.TextChoices):
    NEW_MEMBER = "new_member", _("first comments of a new member")
    SAFETY = "safety", _("mentions suicide or self-harm")
    REPORTS = "reports", _("reported by members")


class RemovalKind(models.TextChoices):
    MODERATOR = "moderator", _("removed by a moderator")
    AUTHOR = "author", _("deleted by its author")


class CommentReview(models.Model):
    """Why a comment was held or removed, and by whom: the moderation record beside the engine's flags."""

    comment = models.OneToOneField(XtdComment, on_delete=models.CASCADE, related_name="review")
    hold_reason = models.CharField(_("held because"), max_length=20, choices=HoldReason.choices, blank=True)
    removal_kind = models.CharField(_("removal"), max_length=20, choices=RemovalKind.choices, blank=True)
    removal_reason = models.CharField(_("reason for removal"), max_length=500, blank=True)
    content_note = models.CharField(
        _("content note"),
        max_length=200,
        blank=True,
        help_text=_("Set by a moderator: readers see this note and choose whether to open the comment."),
    )
    decided_by = optional_account()
    decided_at = models.DateTimeField(null=True, blank=True)
    # Set when the author changes their words (within EDIT_WINDOW): readers see an "edited" mark.
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment review")

    def __str__(self):
        return f"{self.comment_id}: {self.get_hold_reason_display() or self.get_removal_kind_display()}"


class CommentReport(models.Model):
    """Why a member reported a comment: beside the engine's flag, which counts toward hiding it.

    Deleted with the flag when the member takes the report back (REPORT_UNDO_WINDOW).
    """

    class Reason(models.TextChoices):
        UNKIND = "unkind", _("It is unkind, shaming or disrespectful")
        IDENTIFYING = "identifying", _("It could identify someone or shares private details")
        UNSAFE = "unsafe", _("It gives advice that could put someone at risk")
        DANGER = "danger", _("Someone may be in danger")
        SPAM = "spam", _("It is spam or advertising")
        OTHER = "other", _("Something else")

    flag = models.OneToOneField(CommentFlag, on_delete=models.CASCADE, related_name="report")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.CharField(_("details"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("comment report")

    def __str__(self):
        return f"{self.flag.comment_id}: {self.get_reason_display()}"


class FollowUp(models.Model):
    """A member's wish to be emailed about new comments; one row per comment they chose it on."""

    class Scope(models.TextChoices):
        REPLIES = "replies", _("Replies to my comment")
        PAGE = "page", _("All new comments on this page")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_followups")
    comment = models.ForeignKey(XtdComment, on_delete=models.CASCADE, related_name="followups")
    scope = models.CharField(max_length=10, choices=Scope.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment follow-up")
        constraints = [models.UniqueConstraint(fields=["user", "comment"], name="comments_one_followup_per_comment")]

    def __str__(self):
        return f"{self.user_id} → {self.comment_id} ({self.get_scope_display()})"


class AdvicePhrase(ModerationWordList):
    """Words that make a reply read as advice ("you should"), and a way to share experience instead.

    The community shares what it has lived rather than telling others what to do; a reply to another
    member containing one of these phrases is shown a gentle nudge in the preview before it posts.
    """

    phrase = matched_words(_("phrase"))
    suggestion = models.CharField(
        _("share instead"),
        max_length=200,
        help_text=_("How the same thought could start as experience, for example “What helped me was …”."),
    )

    words_field = "phrase"

    panels = [FieldPanel("phrase"), FieldPanel("suggestion")]

    class Meta(ModerationWordList.Meta):
        verbose_name = _("advice phrase")
        verbose_name_plural = _("advice phrases")
        ordering = ["phrase"]


class IdentifyingPlace(models.Model):
    """A school, workplace or town name near our members: mentioning it could tell who a family is.

    Checked in every language (a place's name does not change with the page's language).
    """

    class Kind(models.TextChoices):
        SCHOOL = "school", _("school")
        WORKPLACE = "workplace", _("workplace")
        TOWN = "town", _("town or neighborhood")

    name = matched_words(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    panels = [FieldPanel("name"), FieldPanel("kind")]

    class Meta:
        verbose_name = _("identifying place")
        verbose_name_plural = _("identifying places")
        ordering = ["name"]

    def __str__(self):
        return self.name


class AdviceNudgeCount(models.Model):
    """How often the "share, don't advise" nudge was shown and followed, per day and language.

    Only the two counts are kept: never the text, the member or the page.
    """

    day = models.DateField(_("day"))
    language_code = models.CharField(_("language"), max_length=10)
    shown = models.PositiveIntegerField(_("shown"), default=0)
    followed = models.PositiveIntegerField(_("followed"), default=0)

    class Meta:
        verbose_name = _("advice nudge count")
        ordering = ["-day", "language_code"]
        constraints = [
            models.UniqueConstraint(fields=["day", "language_code"], name="comments_one_nudge_count_per_day_language")
        ]

    def __str__(self):
        return f"{self.day} {self.language_code}: {self.followed}/{self.shown}"
