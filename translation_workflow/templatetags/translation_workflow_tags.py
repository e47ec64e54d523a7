from django import template
from django.urls import reverse
from wagtail.models import Locale, Page, WorkflowState

from .. import review

register = template.Library()


@register.inclusion_tag("translation_workflow/includes/review_notice.html", takes_context=True)
def spanish_review_notice(context, instance):
    """What the translation editor shows about review: submit, waiting, or the reviewer's comment."""
    user = context["request"].user
    if not isinstance(instance, Page) or instance.locale_id == Locale.get_default().pk:
        return {"show": False}
    state = review.active_review(instance)
    rejected = None
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        rejected = state.current_task_state
    return {
        "show": True,
        "state": state,
        "in_review": state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS,
        "rejected": rejected,
        "can_submit": review.can_submit_for_review(user, instance),
        "can_decide": bool(review.review_actions(user, instance)),
        "submit_url": reverse("translation_workflow:submit_for_review", args=[instance.pk]),
        "review_url": reverse("translation_workflow:review", args=[instance.pk]),
    }
