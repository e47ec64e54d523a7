"""Approve or remove many comments at once, with Wagtail's bulk action framework.

The queue's row actions use the same two actions with a single id, so one comment and fifty go
through the same permission check, service call and message.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_comments_xtd.models import XtdComment
from wagtail.admin.views.bulk_action import BulkAction

from . import services
from .admin_views import MODERATE, ModerationFilterSet


class CommentBulkAction(BulkAction):
    models = [XtdComment]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MODERATE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        return list(XtdComment.norel_objects.select_related("user__member_profile").filter(pk__in=object_ids))

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" means everything the moderator's filters show, not every comment on the site.
        filters = ModerationFilterSet(self.request.GET, queryset=XtdComment.norel_objects.all(), request=self.request)
        return filters.qs.values_list("pk", flat=True)

    def get_execution_context(self):
        return {"moderator": self.request.user}

    def get_template_names(self):
        # Each action asks its own question: comments/admin/bulk_approve.html, bulk_remove.html.
        return [f"comments/admin/bulk_{self.action_type}.html"]


class ApproveBulkAction(CommentBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected comments")
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, moderator=None, **kwargs):
        services.approve(objects, moderator)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d comment approved.", "%(count)d comments approved.", num_parent_objects) % {
            "count": num_parent_objects
        }


class RemovalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for removal"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The member is told this reason by email, in their language; it is kept with the comment."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason: the member is told it."))
        return reason


class RemoveBulkAction(CommentBulkAction):
    display_name = _("Remove")
    action_type = "remove"
    aria_label = _("Remove the selected comments")
    action_priority = 20
    classes = {"serious"}
    form_class = RemovalForm

    def get_execution_context(self):
        return {**super().get_execution_context(), "reason": self.cleaned_form.cleaned_data["reason"]}

    @classmethod
    def execute_action(cls, objects, moderator=None, reason="", **kwargs):
        services.remove(objects, moderator, reason)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment removed. Its author is told why.",
            "%(count)d comments removed. Their authors are told why.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
