"""The Discussion Blog in the Wagtail admin: the members' question inbox and its actions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, media_views
from .inbox import OPEN_STATUSES
from .models import PodcastEpisodePage, QuestionSubmission, Topic
from .podcast_admin import GuestViewSet, translated_recording


class InboxPermissionPolicy(ModelPermissionPolicy):
    """Questions come from members only: nobody, superusers included, writes one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class QuestionSummaryPanel(Panel):
    """The member's question as they wrote it, read-only, with the inbox actions."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "blog/admin/question_summary_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            question = self.instance
            context.update(
                question=question,
                is_open=question.status in OPEN_STATUSES,
                draft_url=reverse("blog_question_draft_answer", args=[question.pk]),
                decline_url=reverse("blog_question_decline", args=[question.pk]),
                answer_privately_url=reverse("blog_question_answer_privately", args=[question.pk]),
            )
            return context


class QuestionSubmissionViewSet(SnippetViewSet):
    model = QuestionSubmission
    icon = "mail"
    menu_label = _("Member questions")
    menu_name = "member-questions"
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "subject",
        Column("privacy_label", label=_("Answer")),
        Column("pseudonym", label=_("Member")),
        "status",
        "language",
        "created_at",
    ]
    list_filter = ["status", "private", "language", "relationship"]
    # The ORM search (no index): questions are private and never enter the site's search index.
    search_fields = ["subject", "question"]
    search_backend_name = None
    ordering = ["-created_at"]
    panels = [QuestionSummaryPanel(heading=_("The question")), FieldPanel("staff_notes")]

    def get_queryset(self, request):
        return QuestionSubmission.objects.select_related("member__member_profile")


class TopicViewSet(SnippetViewSet):
    """Topics shared by Q&A posts and podcast episodes; each language has its own (translated) set."""

    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_name = "blog-topics"
    menu_order = 255
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    search_backend_name = None
    ordering = ["name"]


register_permission_policy(QuestionSubmission, InboxPermissionPolicy(QuestionSubmission))
register_snippet(QuestionSubmissionViewSet)
register_snippet(GuestViewSet)
register_snippet(TopicViewSet)


@hooks.register("register_admin_urls")
def register_inbox_urls():
    return [
        path("blog/questions/<int:pk>/draft-answer/", admin_views.draft_answer, name="blog_question_draft_answer"),
        path("blog/questions/<int:pk>/decline/", admin_views.decline, name="blog_question_decline"),
        path(
            "blog/questions/<int:pk>/answer-privately/",
            admin_views.answer_privately,
            name="blog_question_answer_privately",
        ),
        path(
            "podcast/episodes/<int:page_id>/recording/",
            translated_recording,
            name="blog_episode_translated_recording",
        ),
    ]


@hooks.register("register_page_listing_buttons")
def translated_recording_button(page, user, next_url=None):
    """On a translated episode: choose its own recording (the translation editor cannot)."""
    if not isinstance(page.specific_deferred, PodcastEpisodePage) or page.locale_id == Locale.get_default().pk:
        return []
    if not page.permissions_for_user(user).can_edit():
        return []
    return [
        ListingButton(
            _("Recording in this language"),
            reverse("blog_episode_translated_recording", args=[page.pk]),
            icon_name="media",
            priority=80,
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def inbox_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, QuestionSubmission) or snippet.status not in OPEN_STATUSES:
        return []
    if not user.has_perm("blog.change_questionsubmission"):
        return []
    if snippet.private:
        return [
            ListingButton(
                _("Answer privately"),
                reverse("blog_question_answer_privately", args=[snippet.pk]),
                icon_name="mail",
                priority=10,
            )
        ]
    return [
        ListingButton(
            _("Draft an answer") if not snippet.answer_post_id else _("Edit the answer draft"),
            reverse("blog_question_draft_answer", args=[snippet.pk]),
            icon_name="edit",
            priority=10,
        ),
        ListingButton(
            _("Decline"), reverse("blog_question_decline", args=[snippet.pk]), icon_name="cross", priority=20
        ),
    ]


# A recording follows its episode's privacy at its media-library address too (cms.protected_media).
hooks.register("before_serve_media", media_views.refuse_unheard_audio)
