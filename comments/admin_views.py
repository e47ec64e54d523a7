"""The moderation queue and the language report in the Wagtail admin.

The engine's own moderation screens are the Django admin's; moderators live in Wagtail, so the
queue is here, over the same XtdComment rows and flags.
"""

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, TextField
from django.db.models.functions import Cast
from django.http import QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import IndexView
from wagtail.models import ModelLogEntry, Page

from cms.admin_ui import status_links
from cms.roles import MODERATE_COMMENTS
from members.services import preferred_language

from . import services
from .language import find_terms
from .models import AdviceNudgeCount, HoldReason, LanguageSuggestion
from .reports import pages_with_stigmatising_language

MODERATE = MODERATE_COMMENTS


class Status(models.TextChoices):
    """The queue's tabs: the work waiting, then every published comment, newest first, where a
    moderator finds one to put behind a content note."""

    PENDING = "pending", gettext_lazy("Waiting for review")
    FLAGGED = "flagged", gettext_lazy("Reported by members")
    REMOVED = "removed", gettext_lazy("Removed")
    PUBLISHED = "published", gettext_lazy("Published")


# What the dashboard counts: published comments are no work waiting.
WAITING = [(status, label) for status, label in Status.choices if status != Status.PUBLISHED]


def queue_queryset(status, comments=None):
    """The comments of one tab of the queue, in the order a moderator works through them."""
    if comments is None:
        comments = XtdComment.norel_objects.all()
    comments = comments.select_related("user__member_profile", "review").annotate(
        report_count=Count("flags", filter=Q(flags__flag=CommentFlag.SUGGEST_REMOVAL), distinct=True)
    )
    if status == Status.REMOVED:
        return comments.filter(is_removed=True).order_by("-submit_date")
    if status == Status.PUBLISHED:
        return comments.filter(is_removed=False, is_public=True).order_by("-submit_date")
    if status == Status.FLAGGED:
        return (
            comments.filter(is_removed=False, is_public=True)
            .filter(Exists(unanswered_reports()))
            .order_by("-submit_date")
        )
    return comments.filter(is_removed=False, is_public=False).order_by("submit_date")


def unanswered_reports():
    """Members' reports of the outer comment that no moderator's approval came after."""
    approved_after = CommentFlag.objects.filter(
        comment=OuterRef("comment_id"), flag=CommentFlag.MODERATOR_APPROVAL, flag_date__gt=OuterRef("flag_date")
    )
    return (
        CommentFlag.objects.filter(comment=OuterRef("pk"), flag=CommentFlag.SUGGEST_REMOVAL)
        .annotate(approved_after=Exists(approved_after))
        .filter(approved_after=False)
    )


def queue_counts(statuses=WAITING):
    return {status: queue_queryset(status).count() for status, _label in statuses}


def _page_keys(pages):
    # Comments point at pages through a text column (`object_pk`), so page ids are compared as text.
    return pages.annotate(key=Cast("pk", TextField())).values("key")


class Reason(models.TextChoices):
    NEW_MEMBER = "new_member", gettext_lazy("New member")
    SAFETY = "safety", gettext_lazy("Safety hold")
    REPORTED = "reported", gettext_lazy("Reported")
    COACH = "coach", gettext_lazy("Language coach's words")


class ModerationFilterSet(WagtailFilterSet):
    """The queue's filters: which tab, and within it page, member, reason, language and date."""

    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Queue"), choices=Status.choices, empty_label=None, method="filter_status"
    )
    page_title = django_filters.CharFilter(label=gettext_lazy("Page title"), method="filter_page_title")
    member = django_filters.CharFilter(
        label=gettext_lazy("Member"),
        method="filter_member",
        help_text=gettext_lazy("The member's public name, or part of it."),
    )
    reason = django_filters.ChoiceFilter(label=gettext_lazy("Why here"), choices=Reason.choices, method="filter_reason")
    language = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"), choices=settings.LANGUAGES, method="filter_language"
    )
    submit_date = django_filters.DateFromToRangeFilter(label=gettext_lazy("Posted"), widget=DateRangePickerWidget)

    class Meta:
        model = XtdComment
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if data.get("status") not in dict(Status.choices):
            data["status"] = Status.PENDING
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        return queue_queryset(value, queryset)

    def filter_page_title(self, queryset, name, value):
        return queryset.filter(object_pk__in=_page_keys(Page.objects.filter(title__icontains=value.strip())))

    def filter_member(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(user__username__iexact=value) | Q(user__member_profile__display_name__icontains=value))

    def filter_language(self, queryset, name, value):
        return queryset.filter(object_pk__in=_page_keys(Page.objects.filter(locale__language_code=value)))

    def filter_reason(self, queryset, name, value):
        if value == Reason.NEW_MEMBER:
            return queryset.filter(review__hold_reason=HoldReason.NEW_MEMBER)
        if value == Reason.SAFETY:
            return queryset.filter(review__hold_reason=HoldReason.SAFETY)
        if value == Reason.REPORTED:
            return queryset.filter(Q(review__hold_reason=HoldReason.REPORTS) | Q(Exists(unanswered_reports())))
        # The coach's matching folds accents and plurals in Python, so the candidates are read once here;
        # the queue holds tens of comments, not thousands.
        terms = list(LanguageSuggestion.objects.all())
        coached = [
            pk
            for pk, text in queryset.values_list("pk", "comment")
            if find_terms(text, terms, key=lambda suggestion: suggestion.term)
        ]
        return queryset.filter(pk__in=coached)


class CommentColumn(Column):
    """The comment's words, with the id the row's checkbox is described by (for screen readers)."""

    cell_template_name = "comments/admin/queue_comment_cell.html"


class MemberColumn(Column):
    cell_template_name = "comments/admin/queue_member_cell.html"


class PageColumn(Column):
    cell_template_name = "comments/admin/queue_page_cell.html"


class WhyColumn(Column):
    cell_template_name = "comments/admin/queue_why_cell.html"


class ActionsColumn(Column):
    """Approve in one click, the other row actions one click away; all come back to the same filtered queue."""

    cell_template_name = "comments/admin/queue_actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        back = reverse("comments_moderation:queue")
        if request.GET:
            back += "?" + request.GET.urlencode()
        context["next_url"] = back
        # Cells are rendered from a plain dict, without the request's context processors.
        context["csrf_token"] = get_token(request)
        context["approve_url"] = bulk_action_url("approve", instance, back)
        context["remove_url"] = bulk_action_url("remove", instance, back)
        return context


def bulk_action_url(action, comment, next_url):
    url = reverse("wagtail_bulk_action", args=[XtdComment._meta.app_label, XtdComment._meta.model_name, action])
    return url + "?" + urlencode({"id": comment.pk, "next": next_url})


class ModerateMixin:
    """Moderators only, whatever model permissions Wagtail would otherwise check."""

    permission_policy = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MODERATE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ModerationQueueView(ModerateMixin, IndexView):
    """The moderation queue on Wagtail's listing: filters in the drawer, row and bulk actions, pagination."""

    model = XtdComment
    template_name = "comments/admin/queue.html"
    index_url_name = "comments_moderation:queue"
    index_results_url_name = "comments_moderation:queue_results"
    filterset_class = ModerationFilterSet
    any_permission_required = None
    page_title = gettext_lazy("Comment moderation")
    header_icon = "comment"
    paginate_by = 50
    default_ordering = None

    def get_base_queryset(self):
        return XtdComment.norel_objects.all()

    def get_valid_orderings(self):
        return ["submit_date", "-submit_date"]

    @cached_property
    def status(self):
        return self.filters.form.cleaned_data.get("status") or Status.PENDING

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="comment"),
            CommentColumn("comment", label=_("Comment")),
            MemberColumn("member", label=_("Member"), accessor="user"),
            PageColumn("page", label=_("Page"), accessor="queue_page"),
            WhyColumn("why", label=_("Why here"), accessor="review"),
            DateColumn("submit_date", label=_("Posted"), sort_key="submit_date"),
            ActionsColumn("actions", label=_("Actions"), accessor="pk"),
        ]

    def paginate_queryset(self, queryset, page_size):
        paginator, page, comments, is_paginated = super().paginate_queryset(queryset, page_size)
        keys = {int(comment.object_pk) for comment in comments if comment.object_pk.isdigit()}
        pages = Page.objects.select_related("locale").in_bulk(keys)
        for comment in comments:
            comment.queue_page = pages.get(int(comment.object_pk)) if comment.object_pk.isdigit() else None
        return paginator, page, comments, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["statuses"] = status_links(queue_counts(Status.choices), Status.choices, reverse(self.index_url_name))
        context["status"] = self.status
        context["no_results_message"] = _("Nothing here. Thank you for keeping the conversation kind.")
        return context


class WriteToMemberForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Your message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=3000,
        help_text=gettext_lazy(
            "Sent by email to the member alone, framed in their language. You never see their address; "
            "the message is kept in the comment's history for the team."
        ),
    )


@permission_required(MODERATE, raise_exception=True)
def write_to_member(request, pk):
    """After a safety hold, a moderator writes to the member privately from the queue."""
    comment = get_object_or_404(
        XtdComment.norel_objects.select_related("user__member_profile", "review"),
        pk=pk,
        review__hold_reason=HoldReason.SAFETY,
        user__isnull=False,
    )
    back = get_valid_next_url_from_request(request) or reverse("comments_moderation:queue")
    if request.method == "POST":
        form = WriteToMemberForm(request.POST)
        if form.is_valid():
            if services.write_to_member(comment, request.user, form.cleaned_data["message"]):
                messages.success(request, _("Your message was sent to the member."))
            else:
                messages.error(request, _("This member can no longer be written to."))
            return redirect(back)
    else:
        form = WriteToMemberForm()
    languages = dict(settings.LANGUAGES)
    return TemplateResponse(
        request,
        "comments/admin/write_to_member.html",
        {
            "page_title": _("Write to the member"),
            "header_title": _("Write to the member"),
            "header_icon": "mail",
            "comment": comment,
            "form": form,
            "back": back,
            "member_language": languages.get(preferred_language(comment.user)),
            "messages_sent": ModelLogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(XtdComment),
                object_id=str(comment.pk),
                action=services.WROTE_TO_MEMBER,
            ).select_related("user"),
        },
    )


class ContentNoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Content note"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "For example “describes an overdose” or “mentions suicide”. Readers see the note and choose whether "
            "to open the comment. Leave empty to show the comment as usual."
        ),
    )


@permission_required(MODERATE, raise_exception=True)
def content_note(request, pk):
    """Put a comment behind a content note, change the note, or take it away."""
    comment = get_object_or_404(XtdComment.norel_objects.select_related("review"), pk=pk)
    review = getattr(comment, "review", None)
    back = request.GET.get("status", Status.PENDING)
    if back not in dict(Status.choices):
        back = Status.PENDING
    if request.method == "POST":
        form = ContentNoteForm(request.POST)
        if form.is_valid():
            services.set_content_note(comment, form.cleaned_data["note"])
            messages.success(request, _("Content note saved."))
            return redirect(reverse("comments_moderation:queue") + "?" + urlencode({"status": back}))
    else:
        form = ContentNoteForm(initial={"note": review.content_note if review else ""})
    return TemplateResponse(
        request,
        "comments/admin/content_note.html",
        {
            "page_title": _("Content note"),
            "header_title": _("Content note"),
            "comment": comment,
            "form": form,
            "status": back,
        },
    )


@permission_required("wagtailadmin.access_admin", raise_exception=True)
def language_report(request):
    return TemplateResponse(
        request,
        "comments/admin/language_report.html",
        {
            "page_title": _("Person-first language report"),
            "header_title": _("Person-first language report"),
            "help": _(
                "Published pages checked against the person-first language list of their own language. "
                "Edit the list under Snippets → Person-first language."
            ),
            "results": pages_with_stigmatising_language(),
        },
    )


@permission_required("wagtailadmin.access_admin", raise_exception=True)
def advice_report(request):
    """How often the "share, don't advise" nudge was shown and followed, per day and language (counts only)."""
    languages = dict(settings.LANGUAGES)
    rows = list(AdviceNudgeCount.objects.all()[:365])
    for row in rows:
        row.language_name = languages.get(row.language_code, row.language_code)
    totals = {
        "shown": sum(row.shown for row in rows),
        "followed": sum(row.followed for row in rows),
    }
    return TemplateResponse(
        request,
        "comments/admin/advice_report.html",
        {
            "page_title": _("Share, don't advise: nudge report"),
            "header_title": _("Share, don't advise: nudge report"),
            "help": _(
                "When a member's reply to another member reads as advice, the preview suggests sharing experience "
                "instead. “Followed” counts the times the member changed their text before posting. Only these "
                "counts are kept: never the text, the member or the page. Edit the phrases under Snippets → Advice "
                "phrases."
            ),
            "rows": rows,
            "totals": totals,
        },
    )
