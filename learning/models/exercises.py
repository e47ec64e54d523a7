"""Numbered exercises ("Key Observations, Exercise #16") that segments place and members answer."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index

from cms.localized_fields import synchronized, translated
from cms.models import ReviewedTranslatableMixin
from learning.blocks import QuestionBlock


class Exercise(ReviewedTranslatableMixin, index.Indexed, models.Model):
    """A course-wide numbered exercise: staff say "use Exercise #16" in either language.

    Draft state lets an editor withdraw an exercise; references to it then render as plain text.
    """

    number = models.PositiveSmallIntegerField(
        _("exercise number"),
        validators=[MinValueValidator(1)],
        help_text=_("Unique across the course, the same in every language (Exercise #16)."),
    )
    title = models.CharField(_("title"), max_length=120)
    instructions = RichTextField(_("instructions"), features=["bold", "italic", "ol", "ul", "link"])
    questions = StreamField(
        [("question", QuestionBlock())],
        verbose_name=_("questions"),
        min_num=1,
        help_text=_("What the member answers in their private journal."),
    )

    panels = [FieldPanel("number"), FieldPanel("title"), FieldPanel("instructions"), FieldPanel("questions")]
    # Numbers are synchronised, not translated: staff cite "Exercise #16" in both languages.
    translatable_fields = [*synchronized("number"), *translated("title", "instructions", "questions")]
    search_fields = [
        index.SearchField("title"),
        index.FilterField("number"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["number"]
        unique_together = [("translation_key", "locale"), ("number", "locale")]
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")

    def __str__(self):
        return self.label

    @property
    def label(self):
        return _("Exercise #%(number)s: %(title)s") % {"number": self.number, "title": self.title}

    def clean(self):
        super().clean()
        if self.number is None:
            return
        locale_id = self.locale_id or Locale.get_default().pk
        taken = Exercise.objects.filter(locale_id=locale_id, number=self.number).exclude(
            translation_key=self.translation_key
        )
        if taken.exists():
            raise ValidationError(
                {"number": _("Exercise #%(number)s already exists. Choose another number.") % {"number": self.number}}
            )

    def question_ids(self):
        """Answers are keyed by block id: ids are shared by every translation of the exercise."""
        return [block.id for block in self.questions]
