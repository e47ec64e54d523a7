"""The comment routes we expose. Each one finds the page behind the comment and checks the visitor
may view it before anything else: a members-only page's comments answer 404 to everyone else.

None of django-comments-xtd's own views (API, reply, sent, like, flag, confirm, mute) is mounted.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django_comments_xtd.models import XtdComment
from wagtail.models import Locale

from cms.membership import is_member
from cms.security import client_ip, over_client_limit
from members.services import CannotMute, display_name, mute, unmute

from . import services
from .access import can_view_page, commentable_page, page_of, posting_refusal
from .forms import EditCommentForm, MemberCommentForm, ReportForm
from .language import suggestions_for
from .models import CommentPolicy, CommentReview, CommentSettings, HoldReason
from .sharing import advice_in, count_nudge, hint_items, identifying_details, marked, nudge_followed, text_digest

logger = logging.getLogger(__name__)


def _page_url(request, page, comment=None):
    # ?comment= makes the page show that comment's conversation however long the discussion (tree.shown_threads).
    return page.get_url(request) + (f"?comment={comment.pk}#c{comment.pk}" if comment else "#comments")


def _form_page(request, page, form, *, status=200, suggestions=None, problem=None, **sharing):
    context = {"page": page, "form": form, "suggestions": suggestions or [], "problem": problem, **sharing}
    return render(request, "comments/form_page.html", context, status=status)


def _replies_to_another_member(reply_to, user):
    return bool(reply_to) and XtdComment.norel_objects.filter(pk=reply_to).exclude(user_id=user.pk).exists()


@require_POST
def post_comment(request):
    try:
        data = request.POST
    except RequestDataTooBig:
        return render(
            request, "comments/refused.html", {"message": _("Your comment is far too long to post.")}, status=413
        )
    page = commentable_page(data.get("content_type"), data.get("object_pk"))
    if page is None or not can_view_page(request.user, page):
        raise Http404
    refusal = posting_refusal(request.user, page, CommentSettings.for_request(request))
    if refusal:
        return render(request, "comments/refused.html", {"message": refusal, "page": page}, status=403)
    form = MemberCommentForm(page, data=data)
    if not form.is_valid():
        if form.security_errors() and "comment" in form.cleaned_data:
            # A stale or tampered form: keep the member's words in a fresh form they can post again.
            fresh = MemberCommentForm(page, initial={"comment": form.cleaned_data["comment"], "reply_to": 0})
            problem = next(iter(form.security_errors().values()))[0]
            return _form_page(request, page, fresh, status=400, problem=problem)
        return _form_page(request, page, form, status=400)
    text = form.cleaned_data["comment"]
    suggestions = suggestions_for(text, page.locale)
    advice = (
        advice_in(text, page.locale) if _replies_to_another_member(form.cleaned_data["reply_to"], request.user) else []
    )
    # Found in this request only: shown in the preview, never logged or saved.
    details = identifying_details(text)
    nudged = form.cleaned_data["nudged"]
    if "preview" in data or ((suggestions or advice or details) and not form.cleaned_data["coached"]):
        shown = {"coached": "on"}
        if advice and not nudged:
            count_nudge(page.locale.language_code, shown=1)
            shown["nudged"] = text_digest(text)
        coached = MemberCommentForm(page, data={**data.dict(), **shown})
        coached.is_valid()
        return _form_page(
            request,
            page,
            coached,
            suggestions=suggestions,
            advice=advice,
            identifying=hint_items(text, details),
            marked_text=marked(text, details) if details else None,
        )
    if over_client_limit(
        request, "comment", services.CLIENT_RATE_LIMIT_COUNT, int(services.RATE_LIMIT_WINDOW.total_seconds())
    ):
        logger.warning("Comment refused: too many comments from client %s in the last minute", client_ip(request))
        problem = _(
            "Many comments were posted from your connection in the last minute. Please wait a moment and try again."
        )
        return _form_page(request, page, form, status=429, problem=problem)
    try:
        comment = services.post_comment(
            page=page,
            user=request.user,
            text=text,
            reply_to=form.cleaned_data["reply_to"],
            follow=form.cleaned_data["follow"],
            # The visitor's own address, counted behind TRUSTED_PROXY_COUNT proxies as the login
            # limits count it (behind nginx REMOTE_ADDR is nginx); kept for abuse handling only and
            # erased after COMMENT_IP_RETENTION_DAYS (`manage.py clear_comment_addresses`).
            ip_address=client_ip(request),
        )
    except services.CommentRefused as refused:
        return _form_page(request, page, form, status=refused.status, problem=refused.message)
    if nudge_followed(text, nudged):
        count_nudge(page.locale.language_code, followed=1)
    if comment.is_public:
        messages.success(request, _("Thank you. Your comment is posted."))
        return redirect(_page_url(request, page, comment))
    safety = comment.review.hold_reason == HoldReason.SAFETY
    return render(request, "comments/held.html", {"page": page, "comment": comment, "safety": safety})


def _comment_for(request, pk):
    """The comment and its page, or 404 unless the visitor may view that page."""
    comment = get_object_or_404(XtdComment.norel_objects, pk=pk)
    page = page_of(comment)
    if page is None or not can_view_page(request.user, page):
        raise Http404
    return comment, page


def _own_comment(request, pk):
    """(comment, page) of a comment the signed-in person wrote and has not deleted; else 404."""
    comment, page = _comment_for(request, pk)
    if comment.user_id != request.user.pk or comment.is_removed:
        raise Http404
    return comment, page


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def report_comment(request, pk):
    """Why, then send: the reason goes to the moderators with the report; then a minute to undo it."""
    comment, page = _comment_for(request, pk)
    if not comment.is_public or comment.is_removed or not is_member(request.user) or comment.user_id == request.user.pk:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reported = services.report(
            comment,
            request.user,
            CommentSettings.for_request(request),
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
        )
        if not reported:
            messages.info(request, _("You have already reported this comment. A moderator will look at it."))
            return redirect(_page_url(request, page, comment))
        return redirect("comments:reported", pk=comment.pk)
    status = 400 if form.is_bound else 200
    context = {
        "title": _("Report a comment"),
        "heading": _("Report this comment?"),
        "page": page,
        "comment": comment,
        "form": form,
    }
    return render(request, "comments/report.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def reported(request, pk):
    """The confirmation, with an undo button for REPORT_UNDO_WINDOW after the report."""
    comment, page = _comment_for(request, pk)
    deadline = services.report_undo_deadline(comment, request.user)
    if deadline is None:
        raise Http404
    if request.method == "POST":
        if services.undo_report(comment, request.user, CommentSettings.for_request(request)):
            messages.success(request, _("Your report was taken back. Nothing was sent to the moderators."))
        else:
            messages.info(request, _("It is too late to take this report back. A moderator will look at it."))
        return redirect(_page_url(request, page, comment))
    context = {"page": page, "comment": comment, "can_undo": timezone.now() <= deadline}
    return render(request, "comments/reported.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def edit_comment(request, pk):
    """The author's own comment, for EDIT_WINDOW after posting; the coach and the safety net read it again."""
    comment, page = _own_comment(request, pk)
    if not services.may_edit(comment, request.user):
        message = _("Comments can be edited for 15 minutes after posting. You can still delete it.")
        return render(request, "comments/refused.html", {"message": message, "page": page}, status=403)
    form = EditCommentForm(request.POST or None, initial={"comment": comment.comment})
    context = {"page": page, "comment": comment, "form": form}
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["comment"]
        suggestions = suggestions_for(text, page.locale)
        details = identifying_details(text)
        if (suggestions or details) and not form.cleaned_data["coached"]:
            coached = EditCommentForm({"comment": text, "coached": "on"})
            coached.is_valid()
            context.update(
                form=coached,
                suggestions=suggestions,
                identifying=hint_items(text, details),
                marked_text=marked(text, details) if details else None,
            )
            return render(request, "comments/edit.html", context)
        try:
            comment = services.edit_own(comment, request.user, text)
        except services.CommentRefused as refused:
            return render(request, "comments/refused.html", {"message": refused.message, "page": page}, status=403)
        if comment.is_public:
            messages.success(request, _("Your comment is updated."))
            return redirect(_page_url(request, page, comment))
        safety = CommentReview.objects.filter(comment_id=comment.pk, hold_reason=HoldReason.SAFETY).exists()
        return render(request, "comments/held.html", {"page": page, "comment": comment, "safety": safety})
    return render(request, "comments/edit.html", context, status=400 if form.is_bound else 200)


@require_POST
@login_required
def mute_author(request, pk):
    """Mute the author of a comment, then back to that comment, now collapsed for the viewer only."""
    comment, page = _comment_for(request, pk)
    if not comment.is_public or comment.is_removed or comment.user is None:
        raise Http404
    try:
        mute(request.user, comment.user)
    except CannotMute:
        raise Http404 from None
    message = _(
        "You muted %(name)s. Their comments are collapsed for you only; nobody is told. "
        "You can unmute them in your profile."
    )
    messages.success(request, message % {"name": display_name(comment.user)})
    return redirect(_page_url(request, page, comment))


@require_POST
@login_required
def unmute_author(request, pk):
    """Unmute from the opened comment itself, back to it; the profile's list does the same for every mute."""
    comment, page = _comment_for(request, pk)
    if comment.user is not None and unmute(request.user, muted=comment.user):
        messages.success(request, _("Unmuted. Their comments show in full again."))
    return redirect(_page_url(request, page, comment))


@require_http_methods(["GET", "POST"])
@login_required
def delete_comment(request, pk):
    comment, page = _own_comment(request, pk)
    if request.method == "POST":
        services.delete_own(comment, request.user)
        messages.success(request, _("Your comment is deleted. Replies to it stay in the conversation."))
        return redirect(_page_url(request, page))
    context = {
        "title": _("Delete your comment"),
        "heading": _("Delete your comment?"),
        "page": page,
        "comment": comment,
    }
    return render(request, "comments/confirm_delete.html", context)


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Works without logging in: the signed link in the email is the proof.

    Opening the link asks for one click (mail scanners follow links, so a GET changes nothing); a
    mail program's one-click unsubscribe (RFC 8058) POSTs to the same address without a CSRF
    token, which the signature makes unnecessary.
    """
    followup = services.followup_from_token(token)
    if request.method == "POST":
        if followup is not None:
            services.stop_followups(followup)
        return render(request, "comments/unsubscribed.html")
    if followup is None:
        return render(request, "comments/unsubscribed.html")
    return render(request, "comments/unsubscribe.html", {"token": token})


def policy(request):
    comment_policy = CommentPolicy.objects.filter(locale=Locale.get_active(), live=True).first()
    if comment_policy is None:
        raise Http404
    return render(request, "comments/policy.html", {"policy": comment_policy})
