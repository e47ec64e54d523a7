"""Comments in the Wagtail admin: the moderation queue, its dashboard counts, the word lists and the policy."""

from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.admin_ui import PermissionMenuItem, StatusCountsPanel

from . import admin_urls, services
from .admin_views import MODERATE, WAITING, queue_counts
from .bulk_actions import ApproveBulkAction, RemoveBulkAction
from .models import AdvicePhrase, CommentPolicy, IdentifyingPlace, LanguageSuggestion, SafetyTerm


class CommentPolicyViewSet(SnippetViewSet):
    model = CommentPolicy
    icon = "doc-full"
    menu_label = _("Comment policy")
    list_display = ["title", "locale"]


class WordListViewSet(SnippetViewSet):
    """A moderation word list: each entry shown with its language, and found by the words it lists
    (searched in the database: the lists are short)."""

    search_backend_name = None

    @cached_property
    def list_display(self):
        return [*self.search_fields, "locale"]


class IdentifyingPlaceViewSet(SnippetViewSet):
    model = IdentifyingPlace
    icon = "site"
    menu_label = _("Identifying places")
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    search_backend_name = None


class CommentWordsGroup(SnippetViewSetGroup):
    items = (
        CommentPolicyViewSet,
        WordListViewSet(
            model=LanguageSuggestion,
            icon="help",
            menu_label=_("Person-first language"),
            search_fields=["term", "suggestion"],
        ),
        WordListViewSet(model=SafetyTerm, icon="warning", menu_label=_("Safety terms"), search_fields=["term"]),
        WordListViewSet(
            model=AdvicePhrase,
            icon="comment",
            menu_label=_("Advice phrases"),
            search_fields=["phrase", "suggestion"],
        ),
        IdentifyingPlaceViewSet,
    )
    menu_icon = "comment"
    menu_label = _("Comment rules")
    menu_name = "comment-rules"
    menu_order = 260


register_snippet(CommentWordsGroup)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [path("comments/", include(admin_urls))]


for bulk_action in (ApproveBulkAction, RemoveBulkAction):
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    actions.register_action(services.WROTE_TO_MEMBER, _("Write to the member"), _("Wrote to the member privately"))


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return PermissionMenuItem(
        _("Comment moderation"),
        reverse("comments_moderation:queue"),
        permission=MODERATE,
        name="comment-moderation",
        icon_name="comment",
        order=255,
    )


def report_menu_item(label, view_name, icon, order):
    """A menu item under Reports for one of the moderation reports (comments.admin_urls)."""

    def menu_item():
        url = reverse(f"comments_moderation:{view_name}")
        return MenuItem(label, url, name=view_name.replace("_", "-"), icon_name=icon, order=order)

    return menu_item


# After Wagtail's own reports: the person-first language check, then the advice nudge's counts.
for report in (
    report_menu_item(_("Person-first language"), "language_report", "help", 660),
    report_menu_item(_("Share, don't advise"), "advice_report", "comment", 661),
):
    hooks.register("register_reports_menu_item", report)


class ModerationPanel(StatusCountsPanel):
    """Dashboard counts of comments waiting, reported and removed, each linking to the queue."""

    name = "comment_moderation"
    panel_id = "comment-moderation"
    heading = _("Comments")
    link_text = _("Open the moderation queue")
    listing_url_name = "comments_moderation:queue"
    choices = WAITING
    order = 140

    def counts(self):
        return queue_counts()


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if request.user.has_perm(MODERATE):
        panels.append(ModerationPanel())
