"""Models of the learning app, re-exported so Django and other apps import them from one place."""

from .exercises import Exercise
from .pages import (
    LearningIndexPage,
    ModulePage,
    NumberedPageMixin,
    SegmentPage,
    ensure_members_only,
    ensure_members_only_collection,
    refuse_duplicate_number_on_move,
)
from .progress import JournalEntry, SegmentCompletion

__all__ = [
    "Exercise",
    "JournalEntry",
    "LearningIndexPage",
    "ModulePage",
    "NumberedPageMixin",
    "SegmentCompletion",
    "SegmentPage",
    "ensure_members_only",
    "ensure_members_only_collection",
    "refuse_duplicate_number_on_move",
]
