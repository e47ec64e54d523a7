"""The learning app's part of a member's data download and of account deletion (members.registry)."""

from wagtail.models import Locale

from .models import Exercise, JournalEntry, SegmentCompletion, SegmentPage


def learning_data_for(member):
    """Completed segments and every journal answer, labelled in the default language."""
    default = Locale.get_default()
    completions = list(SegmentCompletion.objects.filter(member=member).order_by("completed_at"))
    entries = list(JournalEntry.objects.filter(member=member).order_by("created_at"))
    segments = {
        page.translation_key: page
        for page in SegmentPage.objects.filter(
            locale=default, translation_key__in=[c.segment_key for c in completions]
        ).defer_streamfields()
    }
    exercises = {
        exercise.translation_key: exercise
        for exercise in Exercise.objects.filter(locale=default, translation_key__in=[e.exercise_key for e in entries])
    }
    return {
        "completed_segments": [
            {
                "segment": segments[c.segment_key].title if c.segment_key in segments else str(c.segment_key),
                "completed_at": c.completed_at.isoformat(),
            }
            for c in completions
        ],
        "exercise_journal": [_entry_data(entry, exercises.get(entry.exercise_key)) for entry in entries],
    }


def _entry_data(entry, exercise):
    questions = {block.id: block.value["question"] for block in exercise.questions} if exercise else {}
    return {
        "exercise": str(exercise.label) if exercise else str(entry.exercise_key),
        "answers": [
            {"question": questions.get(question_id, question_id), "answer": answer}
            for question_id, answer in entry.answers.items()
        ],
        "finished_at": entry.finished_at.isoformat() if entry.finished_at else None,
        "last_saved_at": entry.updated_at.isoformat(),
    }


def delete_learning_data(member, keep_comments=False):
    """Progress and journal are private to the member: always deleted, whatever happens to comments."""
    SegmentCompletion.objects.filter(member=member).delete()
    JournalEntry.objects.filter(member=member).delete()
