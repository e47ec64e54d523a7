"""The Discussion Blog in the Wagtail admin: the members' question inbox and its actions."""

import django_filters
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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


def inbox_actions(question):
    """An open question's next steps, first the main one: its listing row and its record offer the same."""
    if question.status not in OPEN_STATUSES:
        return []
    if question.private:
        main = (_("Answer privately"), "blog_question_answer_privately", "mail")
    elif question.answer_post_id:
        main = (_("Edit the answer draft"), "blog_question_draft_answer", "edit")
    else:
        main = (_("Draft an answer"), "blog_question_draft_answer", "edit")
    steps = [main, (_("Decline"), "blog_question_decline", "cross")]
    return [
        ListingButton(label, reverse(view_name, args=[question.pk]), icon_name=icon, priority=10 * position)
        for position, (label, view_name, icon) in enumerate(steps, start=1)
    ]


class QuestionSummaryPanel(Panel):
    """The member's question as they wrote it, read-only, with the inbox actions."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "blog/admin/question_summary_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            question = self.instance
            context.update(question=question, actions=inbox_actions(question))
            return context


class QuestionFilterSet(WagtailFilterSet):
    assigned = django_filters.ChoiceFilter(
        label=_("Assigned"),
        choices=[("me", _("Assigned to me")), ("nobody", _("Not assigned yet"))],
        empty_label=_("Anyone"),
        method="filter_assigned",
    )

    class Meta:
        model = QuestionSubmission
        fields = ["status", "private", "language", "relationship"]

    def filter_assigned(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assigned_to=self.request.user)
        return queryset.filter(assigned_to__isnull=True)


def new_question_count():
    return QuestionSubmission.objects.filter(status=QuestionSubmission.Status.NEW).count()


class NewQuestionsBadge:
    """The menu item says how many questions nobody has started on yet (one count per admin page)."""

    def render_component(self, request):
        count = new_question_count()
        if not count:
            return super().render_component(request)
        badge = ngettext("%(count)s new", "%(count)s new", count) % {"count": count}
        return LinkMenuItem(self.name, f"{self.label} ({badge})", self.url, icon_name=self.icon_name, attrs=self.attrs)


class QuestionsPanel(Component):
    """The dashboard's view of the inbox: new questions, and the open ones assigned to this editor."""

    name = "member_questions"
    template_name = "blog/admin/questions_panel.html"
    order = 130

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        listing = reverse("wagtailsnippets_blog_questionsubmission:list")
        mine = QuestionSubmission.objects.filter(assigned_to=self.user, status__in=OPEN_STATUSES)
        return {
            "new_count": new_question_count(),
            "new_url": f"{listing}?status={QuestionSubmission.Status.NEW}",
            "mine": mine.order_by("created_at")[:5],
            "mine_count": mine.count(),
            "mine_url": f"{listing}?assigned=me",
            "listing_url": listing,
        }


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
        Column("assigned_to", label=_("Assigned to")),
        "language",
        "created_at",
    ]
    filterset_class = QuestionFilterSet
    # The ORM search (no index): questions are private and never enter the site's search index.
    search_fields = ["subject", "question"]
    search_backend_name = None
    ordering = ["-created_at"]
    panels = [
        QuestionSummaryPanel(heading=_("The question")),
        FieldPanel("assigned_to"),
        FieldPanel("staff_notes"),
    ]

    @cached_property
    def menu_item_class(self):
        return type("MemberQuestionsMenuItem", (NewQuestionsBadge, super().menu_item_class), {})

    def get_queryset(self, request):
        return QuestionSubmission.objects.select_related("member__member_profile", "assigned_to")


class TopicViewSet(SnippetViewSet):
    """Topics shared by Q&A posts and podcast episodes; each language has its own (translated) set."""

    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    search_backend_name = None
    ordering = ["name"]


class BlogSnippetsGroup(SnippetViewSetGroup):
    """What posts and episodes are filed under and who speaks in them, in one menu beside the inbox."""

    items = (TopicViewSet, GuestViewSet)
    menu_icon = "tag"
    menu_label = _("Blog and podcast")
    menu_name = "blog-and-podcast"
    menu_order = 255


register_permission_policy(QuestionSubmission, InboxPermissionPolicy(QuestionSubmission))
register_snippet(QuestionSubmissionViewSet)
register_snippet(BlogSnippetsGroup)


@hooks.register("construct_homepage_panels")
def add_questions_panel(request, panels):
    if request.user.has_perm("blog.view_questionsubmission"):
        panels.append(QuestionsPanel(request.user))


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
    if not isinstance(snippet, QuestionSubmission) or not user.has_perm("blog.change_questionsubmission"):
        return []
    return inbox_actions(snippet)


# A recording follows its episode's privacy at its media-library address too (cms.protected_media).
hooks.register("before_serve_media", media_views.refuse_unheard_audio)
