"""The question inbox: what members write in, and how each question becomes an answer (or not)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import language_field, optional_account
from members.services import display_name


class QuestionSubmissionQuerySet(models.QuerySet):
    def for_member(self, user):
        """A member's own questions, newest first, as their page lists them."""
        return self.filter(member=user).order_by("-created_at")

    def submitted_since(self, moment):
        return self.filter(created_at__gte=moment)


def staff_who_answer_questions():
    """Whom a question can be assigned to: active accounts that may work the inbox (a subquery, so
    an account in two such groups is offered once)."""
    from django.contrib.auth import get_user_model

    memberships = get_user_model().groups.through.objects.filter(
        group__permissions__content_type__app_label="blog",
        group__permissions__codename="change_questionsubmission",
    )
    return Q(is_active=True) & (Q(is_superuser=True) | Q(pk__in=memberships.values("user_id")))


class QuestionSubmission(models.Model):
    """A member's question to the team. Staff read it in the admin and may answer it in a Q&A post."""

    MAX_PER_DAY = 3

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        ANSWERED = "answered", _("Answered")
        DECLINED = "declined", _("Declined")

    class LovedOneIs(models.TextChoices):
        """Who the question is about, seen from the member ("parent": my mother or father).

        Not `members.Relationship`, which is the member's own role ("parent": I am a parent); the
        field keeps its name `relationship` (form posts, inbox filters and data exports use it).
        """

        PARTNER = "partner", _("My partner or spouse")
        CHILD = "child", _("My son or daughter")
        PARENT = "parent", _("My mother or father")
        SIBLING = "sibling", _("My brother or sister")
        FRIEND = "friend", _("A friend")
        OTHER = "other", _("Someone else in my life")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.CASCADE, related_name="blog_questions"
    )
    language = language_field(help_text=_("The member writes in this language: the answer and every email use it too."))
    subject = models.CharField(_("subject"), max_length=120)
    question = models.TextField(_("question"), max_length=3000)
    relationship = models.CharField(_("the person you are writing about is"), max_length=16, choices=LovedOneIs)
    consent_to_publish = models.BooleanField(_("may be published under the member's pseudonym"), default=False)
    # A private question is answered by email only: it never becomes a post, and the team's answer
    # is kept here so the member finds it in their data download.
    private = models.BooleanField(_("private"), default=False, help_text=_("Answer by email only, never published."))
    private_answer = models.TextField(_("private answer"), max_length=6000, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.NEW, db_index=True)
    answer_post = models.ForeignKey(
        "blog.QAPostPage",
        verbose_name=_("answer post"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_message = models.TextField(_("message sent when declining"), max_length=3000, blank=True)
    assigned_to = optional_account(
        _("assigned to"),
        limit_choices_to=staff_who_answer_questions,
        help_text=_("The editor who answers this question. Editors find theirs under “Assigned to me”."),
    )
    staff_notes = models.TextField(
        _("staff notes"), max_length=3000, blank=True, help_text=_("Only staff see these notes, never the member.")
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)

    objects = QuestionSubmissionQuerySet.as_manager()

    # No default ordering: the inbox orders its listing, and `for_member` the member's own list.
    class Meta:
        verbose_name = _("member question")
        verbose_name_plural = _("member questions")
        indexes = [models.Index(fields=["member", "created_at"], name="blog_question_member_recent")]

    def __str__(self):
        return self.subject

    @property
    def privacy_label(self):
        """How the team answers, as the inbox labels it."""
        return _("Private, by email") if self.private else _("On the blog")

    @property
    def pseudonym(self):
        return display_name(self.member)

    @classmethod
    def remaining_today(cls, member, now=None):
        """Members may send a few questions a day: enough to ask, too few to flood the inbox."""
        since = (now or timezone.now()) - datetime.timedelta(days=1)
        return max(cls.MAX_PER_DAY - cls.objects.for_member(member).submitted_since(since).count(), 0)

    @classmethod
    def limit_reached(cls, member, now=None):
        return cls.remaining_today(member, now) == 0

    def as_export(self):
        """This question as it appears in the member's download of their data."""
        return {
            "subject": self.subject,
            "question": self.question,
            "relationship": self.relationship,
            "consent_to_publish": self.consent_to_publish,
            "private": self.private,
            "private_answer": self.private_answer,
            "language": self.language,
            "status": self.status,
            "submitted_at": self.created_at.isoformat(),
            "answered_at": self.answered_at.isoformat() if self.answered_at else None,
            "declined_at": self.declined_at.isoformat() if self.declined_at else None,
            "decline_message": self.decline_message,
        }
