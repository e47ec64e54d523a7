"""The moderation queue and the language report in the Wagtail admin.

The engine's own moderation screens are the Django admin's; moderators live in Wagtail, so the
queue is here, over the same XtdComment rows and flags.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from cms.roles import MODERATE_COMMENTS

from . import services
from .models import AdviceNudgeCount
from .reports import pages_with_stigmatising_language

MODERATE = MODERATE_COMMENTS


class Status:
    PENDING = "pending"
    FLAGGED = "flagged"
    REMOVED = "removed"
    PUBLISHED = "published"
    CHOICES = [
        (PENDING, gettext_lazy("Waiting for review")),
        (FLAGGED, gettext_lazy("Reported by members")),
        (REMOVED, gettext_lazy("Removed")),
    ]
    # The queue's tabs: the work above, then every published comment, newest first, where a moderator
    # finds one to put behind a content note (not a count on the dashboard: it is not work waiting).
    TABS = [*CHOICES, (PUBLISHED, gettext_lazy("Published"))]


def queue_queryset(status):
    reports = CommentFlag.objects.filter(comment=OuterRef("pk"), flag=CommentFlag.SUGGEST_REMOVAL)
    comments = XtdComment.norel_objects.select_related("user__member_profile", "review", "content_type").annotate(
        report_count=Count("flags", filter=Q(flags__flag=CommentFlag.SUGGEST_REMOVAL), distinct=True)
    )
    if status == Status.REMOVED:
        return comments.filter(is_removed=True).order_by("-submit_date")
    if status == Status.PUBLISHED:
        return comments.filter(is_removed=False, is_public=True).order_by("-submit_date")
    if status == Status.FLAGGED:
        approved_after = CommentFlag.objects.filter(
            comment=OuterRef("comment_id"), flag=CommentFlag.MODERATOR_APPROVAL, flag_date__gt=OuterRef("flag_date")
        )
        unanswered = reports.annotate(approved_after=Exists(approved_after)).filter(approved_after=False)
        return comments.filter(is_removed=False, is_public=True).filter(Exists(unanswered)).order_by("-submit_date")
    return comments.filter(is_removed=False, is_public=False).order_by("submit_date")


def queue_counts(statuses=Status.CHOICES):
    return {status: queue_queryset(status).count() for status, _label in statuses}


class BulkForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", gettext_lazy("Approve")), ("remove", gettext_lazy("Remove"))])
    reason = forms.CharField(label=gettext_lazy("Reason for removal"), max_length=500, required=False)
    comments = forms.ModelMultipleChoiceField(queryset=XtdComment.norel_objects.all())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "remove" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give a reason: it is kept with the comment for the team."))
        return cleaned


@permission_required(MODERATE, raise_exception=True)
def moderation_queue(request):
    status = request.GET.get("status", Status.PENDING)
    if status not in dict(Status.TABS):
        status = Status.PENDING
    comments = queue_queryset(status)
    page_id = request.GET.get("page_id", "")
    if page_id.isdigit():
        comments = comments.filter(object_pk=page_id)
    member = request.GET.get("member", "").strip()
    if member:
        comments = comments.filter(
            Q(user__username__iexact=member) | Q(user__member_profile__display_name__iexact=member)
        )
    counts = queue_counts(Status.TABS)
    page_of_comments = Paginator(comments, 50).get_page(request.GET.get("p"))
    pages = Page.objects.in_bulk(
        {int(comment.object_pk) for comment in page_of_comments if comment.object_pk.isdigit()}
    )
    rows = [{"comment": comment, "page": pages.get(int(comment.object_pk))} for comment in page_of_comments]
    return TemplateResponse(
        request,
        "comments/admin/queue.html",
        {
            "page_title": _("Comment moderation"),
            "header_title": _("Comment moderation"),
            "rows": rows,
            "paginator_page": page_of_comments,
            "status": status,
            "statuses": [(value, label, counts[value]) for value, label in Status.TABS],
            "page_id": page_id,
            "member": member,
            "form": BulkForm(),
        },
    )


@require_POST
@permission_required(MODERATE, raise_exception=True)
def moderate(request):
    form = BulkForm(request.POST)
    status = request.POST.get("status", Status.PENDING)
    back = reverse("comments_moderation:queue") + "?" + urlencode({"status": status})
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    chosen = list(form.cleaned_data["comments"])
    with transaction.atomic():
        if form.cleaned_data["action"] == "approve":
            services.approve(chosen, request.user)
            messages.success(request, _("%(count)d comments approved.") % {"count": len(chosen)})
        else:
            services.remove(chosen, request.user, form.cleaned_data["reason"].strip())
            messages.success(request, _("%(count)d comments removed.") % {"count": len(chosen)})
    return redirect(back)


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
    if back not in dict(Status.TABS):
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
            "rows": rows,
            "totals": totals,
        },
    )
