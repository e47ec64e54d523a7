"""The Spanish review path, built on Wagtail's own workflows, for pages and translatable snippets.

wagtail-localize's translation editor can only "Publish in Spanish" (which translators may not
do). "Submit for Spanish review" fills that gap: it saves the current translation as a *draft
revision* of the Spanish page or snippet and starts its workflow (the "Spanish review" workflow on
the Spanish home page and on every translatable snippet model, see groups.py). Wagtail then emails
the reviewers, shows the task on their dashboard and, when a reviewer approves, publishes exactly
the revision they reviewed; a rejection emails the translator with the reviewer's comment.

The draft revision is built from an unsaved copy: wagtail-localize's own `save_target(publish=False)`
writes the row, which for a page or crisis line already live in Spanish would put unreviewed text
in front of visitors.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import TranslationSource

from .permissions import may_change_snippet_in_locale


class ReviewError(Exception):
    """A review action that cannot happen now; the message is for the person who tried it."""


def translation_source_for(instance):
    """The English TranslationSource a Spanish page or snippet was translated from, or None."""
    return (
        TranslationSource.objects.filter(object_id=instance.translation_key)
        .exclude(locale_id=instance.locale_id)
        .select_related("locale")
        .first()
    )


def active_review(instance):
    """The page's or snippet's in-progress or needs-changes workflow state, or None."""
    return WorkflowState.objects.active().for_instance(instance).select_related("current_task_state__task").first()


def can_submit_for_review(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return user.has_perm(get_permission_name("change", type(instance))) and may_change_snippet_in_locale(
        user, instance.locale_id
    )


def review_actions(user, instance):
    """The action names ("approve", "reject") `user` may take on the current review task."""
    state = active_review(instance)
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS or state.current_task_state is None:
        return set()
    task = state.current_task_state.task.specific
    return {name for name, _label, _needs_data in task.get_actions(instance, user)}


@transaction.atomic
def submit_for_review(instance, user):
    """Save the current Spanish translation as a draft revision and send it to the reviewers."""
    if isinstance(instance, Page):
        instance = instance.specific
    if not can_submit_for_review(user, instance):
        raise PermissionDenied
    source = translation_source_for(instance)
    if source is None:
        raise ReviewError(_("This page is not a translation, so there is nothing to review."))
    workflow = instance.get_workflow()
    if workflow is None:
        raise ReviewError(_("No review workflow applies to this page. Ask an administrator to set one up."))
    state = active_review(instance)
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise ReviewError(_("This translation is already waiting for a reviewer."))

    draft = source.get_ephemeral_translated_instance(instance.locale, fallback=True)
    draft.save_revision(user=user, log_action=True)

    if state is not None:
        state.resume(user=user)  # after "changes requested": back to the same reviewers
        return state
    return workflow.start(instance, user)


@transaction.atomic
def decide(instance, user, action, comment=""):
    """Approve (which publishes the reviewed revision) or reject with a comment."""
    if action not in review_actions(user, instance):
        raise PermissionDenied
    state = active_review(instance)
    task_state = state.current_task_state
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        raise ReviewError(_("This review has already been decided."))
    task_state.task.specific.on_action(task_state, user, action, comment=comment)
    if isinstance(instance, Page):
        return Page.objects.get(pk=instance.pk).specific
    return type(instance).objects.get(pk=instance.pk)
