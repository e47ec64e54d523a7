"""The Spanish review path, built on Wagtail's own workflows.

wagtail-localize's translation editor can only "Publish in Spanish" (which translators may not
do). "Submit for Spanish review" fills that gap: it saves the current translation as a *draft
revision* of the Spanish page and starts the page's workflow (the "Spanish review" workflow on the
Spanish home page, see groups.py). Wagtail then emails the reviewers, shows the task on their
dashboard and, when a reviewer approves, publishes exactly the revision they reviewed; a rejection
emails the translator with the reviewer's comment.

The draft revision is built from an unsaved copy of the page: wagtail-localize's own
`save_target(publish=False)` writes the page row, which for a page already live in Spanish would
put unreviewed text in front of visitors.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, TaskState, WorkflowState
from wagtail_localize.models import TranslationSource


class ReviewError(Exception):
    """A review action that cannot happen now; the message is for the person who tried it."""


def translation_source_for(page):
    """The English TranslationSource a Spanish page was translated from, or None."""
    return (
        TranslationSource.objects.filter(object_id=page.translation_key)
        .exclude(locale_id=page.locale_id)
        .select_related("locale")
        .first()
    )


def active_review(page):
    """The page's in-progress or needs-changes workflow state, or None."""
    return WorkflowState.objects.active().for_instance(page).select_related("current_task_state__task").first()


def can_submit_for_review(user, page):
    return page.permissions_for_user(user).can_edit()


def review_actions(user, page):
    """The action names ("approve", "reject") `user` may take on the page's current review task."""
    state = active_review(page)
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS or state.current_task_state is None:
        return set()
    return {name for name, _label, _needs_data in state.current_task_state.task.specific.get_actions(page, user)}


@transaction.atomic
def submit_for_review(page, user):
    """Save the current Spanish translation as a draft revision and send it to the reviewers."""
    page = page.specific
    if not can_submit_for_review(user, page):
        raise PermissionDenied
    source = translation_source_for(page)
    if source is None:
        raise ReviewError(_("This page is not a translation, so there is nothing to review."))
    workflow = page.get_workflow()
    if workflow is None:
        raise ReviewError(_("No review workflow applies to this page. Ask an administrator to set one up."))
    state = active_review(page)
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise ReviewError(_("This translation is already waiting for a reviewer."))

    draft = source.get_ephemeral_translated_instance(page.locale, fallback=True)
    draft.save_revision(user=user, log_action=True)

    if state is not None:
        state.resume(user=user)  # after "changes requested": back to the same reviewers
        return state
    return workflow.start(page, user)


@transaction.atomic
def decide(page, user, action, comment=""):
    """Approve (which publishes the reviewed revision) or reject with a comment."""
    if action not in review_actions(user, page):
        raise PermissionDenied
    state = active_review(page)
    task_state = state.current_task_state
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        raise ReviewError(_("This review has already been decided."))
    task_state.task.specific.on_action(task_state, user, action, comment=comment)
    return Page.objects.get(pk=page.pk).specific
