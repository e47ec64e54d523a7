"""What a member has done in the course: completed segments and private exercise answers.

Both are keyed by the `translation_key` of the segment or exercise, not by page id, so progress
is shared across languages: a segment completed in Spanish is completed in English too.
Neither is registered in any admin: nobody but the member sees them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SegmentCompletion(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="completed_segments")
    segment_key = models.UUIDField(_("segment"), help_text=_("The translation key of the segment page."))
    completed_at = models.DateTimeField(_("completed at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "segment_key"], name="one_completion_per_member_and_segment")
        ]
        verbose_name = _("completed segment")
        verbose_name_plural = _("completed segments")

    def __str__(self):
        return f"{self.member_id}: {self.segment_key}"


class JournalEntry(models.Model):
    """A member's answers to one exercise; kept as a draft until they mark it finished."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries")
    exercise_key = models.UUIDField(_("exercise"), help_text=_("The translation key of the exercise."))
    # {question block id: answer}: block ids are the same in every translation of the exercise.
    answers = models.JSONField(_("answers"), default=dict)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved at"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "exercise_key"], name="one_journal_entry_per_member_and_exercise")
        ]
        ordering = ["-updated_at"]
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")

    def __str__(self):
        # Never the answers: they are private to the member.
        return f"{self.member_id}: {self.exercise_key}"

    @property
    def is_finished(self):
        return self.finished_at is not None
