"""Members in the Wagtail admin: editors list, search, filter, suspend and reinstate them.

Profiles belong to their members: editors change only the suspension fields, and accounts are
never created or deleted from here (sign-up and the member's own deletion page do that).
Translators have no permission on MemberProfile, so the menu item and every view stay closed to them.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import MemberProfile
from .services import set_suspended


class MemberProfilePermissionPolicy(ModelPermissionPolicy):
    """The usual model permissions, minus creating, copying and deleting, even for superusers."""

    closed_actions = {"add", "delete", "copy"}

    def user_has_permission(self, user, action):
        return action not in self.closed_actions and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)


register_permission_policy(MemberProfile, MemberProfilePermissionPolicy(MemberProfile))


class MemberFilterSet(WagtailFilterSet):
    verified = django_filters.BooleanFilter(field_name="is_verified", label=_("Email verified"))
    member = django_filters.BooleanFilter(field_name="in_members_group", label=_("In the Members group"))

    class Meta:
        model = MemberProfile
        fields = ["suspended", "show_in_directory", "relationship", "preferred_language"]


class MemberIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user").with_account_status()


class MemberEditView(EditView):
    def save_instance(self):
        """Suspension goes through the service so the account's login is switched off with it."""
        profile = self.form.instance
        set_suspended(profile, profile.suspended, note=profile.suspension_note)
        log(profile, "wagtail.edit", user=self.request.user)
        return profile


class MemberViewSet(ModelViewSet):
    model = MemberProfile
    icon = "group"
    menu_label = _("Members")
    menu_order = 850
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "display_name",
        "relationship",
        "bio",
        "show_in_directory",
        "preferred_language",
        "suspended",
        "suspended_at",
        "suspension_note",
    ]
    index_view_class = MemberIndexView
    edit_view_class = MemberEditView
    search_fields = ["user__username", "display_name"]
    search_backend_name = None
    filterset_class = MemberFilterSet
    list_display = [
        "__str__",
        Column("username", label=_("Username"), accessor="user.username"),
        Column("relationship", label=_("Relationship"), accessor="get_relationship_display"),
        BooleanColumn("in_members_group", label=_("Member")),
        BooleanColumn("is_verified", label=_("Verified")),
        BooleanColumn("suspended", label=_("Suspended")),
        BooleanColumn("show_in_directory", label=_("In directory")),
        Column("preferred_language", label=_("Language")),
        DateColumn("date_joined", label=_("Joined"), accessor="user.date_joined"),
    ]
    edit_handler = ObjectList([FieldPanel("suspended"), FieldPanel("suspension_note")])


@hooks.register("register_admin_viewset")
def register_member_viewset():
    return MemberViewSet("member_profiles")
