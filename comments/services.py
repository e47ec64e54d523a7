"""Posting, moderating and following comments, on top of django-comments-xtd's model.

Moderation changes go through queryset `update()` on purpose: saving an XtdComment whose
`is_public`/`is_removed` changed runs the engine's pre_save handler, which unpublishes every reply
under it. We keep replies visible under a placeholder instead.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_comments.models import CommentFlag
from django_comments_xtd.conf import settings as xtd_settings
from django_comments_xtd.models import XtdComment

from cms.public_url import absolute
from cms.roles import MODERATE_COMMENTS
from members import mail
from members.services import display_name, preferred_language

from .access import can_view_page, is_moderator, page_of, settings_for
from .language import mentions_self_harm
from .models import (
    EDIT_WINDOW,
    REPORT_UNDO_WINDOW,
    CommentReport,
    CommentReview,
    FollowUp,
    HoldReason,
    RemovalKind,
)

logger = logging.getLogger(__name__)

RATE_LIMIT_COUNT = 5
RATE_LIMIT_WINDOW = timedelta(minutes=1)
# Several accounts behind one address share a larger allowance (a family, a support group on one
# network), so a handful of accounts cannot flood a thread at five posts a minute each.
CLIENT_RATE_LIMIT_COUNT = 10
UNSUBSCRIBE_SALT = "comments.followup.unsubscribe"
# The history entry of a moderator's private message to a comment's author.
WROTE_TO_MEMBER = "comments.wrote_to_member"


class CommentRefused(Exception):
    """A post that must not be saved; `message` is for the member, in their language."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def comments_on(page):
    return XtdComment.objects.filter(content_type_id=page.content_type_id, object_pk=str(page.pk))


def reply_parent(page, reply_to):
    """The comment a reply hangs under: a visible comment of this page, no deeper than the thread allows.

    A reply to a comment at the deepest level attaches to that comment's parent, so it shows at the
    deepest level instead of being refused.
    """
    if not reply_to:
        return None
    parent = comments_on(page).filter(pk=reply_to, is_public=True, is_removed=False).first()
    if parent is None:
        raise CommentRefused(gettext("The comment you replied to is no longer available on this page."))
    max_level = xtd_settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    while parent.level >= max_level:
        parent = XtdComment.norel_objects.get(pk=parent.parent_id)
    return parent


def hold_reason_for(user, text, comment_settings):
    if mentions_self_harm(text):
        return HoldReason.SAFETY
    if is_moderator(user) or user.is_staff:
        return ""
    published = XtdComment.norel_objects.filter(user=user, is_public=True).count()
    if published < comment_settings.hold_first_comments:
        return HoldReason.NEW_MEMBER
    return ""


def member_comment(page, user, text, *, parent=None, submit_date=None, **fields):
    """An unsaved engine comment by `user` on `page`, carrying their public name and nothing else."""
    return XtdComment(
        content_type_id=page.content_type_id,
        object_pk=str(page.pk),
        site_id=settings.SITE_ID,
        user=user,
        # The engine requires these columns; they hold the public name only, never the address.
        user_name=display_name(user)[:50],
        user_email="",
        user_url="",
        comment=text,
        submit_date=submit_date or timezone.now(),
        is_removed=False,
        parent_id=parent.pk if parent else 0,
        **fields,
    )


@transaction.atomic
def post_comment(*, page, user, text, reply_to=None, follow="", ip_address=None):
    """Save a member's comment on `page`, held or published; raises CommentRefused and saves nothing."""
    # One member's posts are serialised on their account row, so the rate limit cannot be raced.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    since = timezone.now() - RATE_LIMIT_WINDOW
    if XtdComment.norel_objects.filter(user=user, submit_date__gte=since).count() >= RATE_LIMIT_COUNT:
        logger.warning("Comment refused: account %s posted %s in the last minute", user.pk, RATE_LIMIT_COUNT)
        raise CommentRefused(
            gettext("You have posted several comments in the last minute. Please wait a moment and try again."),
            status=429,
        )
    parent = reply_parent(page, reply_to)
    if parent is not None:
        # The engine renumbers a thread's `order` and its ancestors' counts on every reply, reading
        # them unlocked: replies into one thread are serialised on its first comment, or they
        # deadlock and duplicate orders.
        XtdComment.norel_objects.select_for_update().filter(pk=parent.thread_id).first()
    comment_settings = settings_for(page)
    reason = hold_reason_for(user, text, comment_settings)
    comment = member_comment(
        page, user, text, parent=parent, ip_address=ip_address, is_public=not reason, followup=bool(follow)
    )
    comment.save()
    if reason:
        CommentReview.objects.create(comment=comment, hold_reason=reason)
    if follow in FollowUp.Scope.values:
        FollowUp.objects.create(user=user, comment=comment, scope=follow)
    if reason == HoldReason.SAFETY:
        transaction.on_commit(lambda: notify_moderators_of_safety_hold(comment, page))
    elif not reason:
        transaction.on_commit(lambda: notify_followers(comment, page))
    return comment


# --- Moderation ---------------------------------------------------------------------------------


@transaction.atomic
def approve(comments, moderator):
    """Publish held comments and clear reports; followers hear about comments published for the first time."""
    now = timezone.now()
    comments = list(comments)
    first_published = [comment for comment in comments if not comment.is_public and not comment.is_removed]
    ids = [comment.pk for comment in comments]
    XtdComment.norel_objects.filter(pk__in=ids).update(is_public=True, is_removed=False)
    for comment in comments:
        CommentFlag.objects.update_or_create(
            comment=comment, user=moderator, flag=CommentFlag.MODERATOR_APPROVAL, defaults={"flag_date": now}
        )
        CommentReview.objects.update_or_create(
            comment=comment,
            defaults={"removal_kind": "", "removal_reason": "", "decided_by": moderator, "decided_at": now},
        )
    for comment in first_published:
        page = page_of(comment)
        if page is not None:
            transaction.on_commit(lambda comment=comment, page=page: notify_followers(comment, page))


@transaction.atomic
def remove(comments, moderator, reason):
    """Take comments down; their replies stay, under a "removed" placeholder.

    Each author is told by email, in their own language, which comment went and why: a member who
    only finds a placeholder where their words were does not know what to write differently.
    """
    now = timezone.now()
    comments = list(comments)
    for comment in comments:
        if not comment.is_removed:
            transaction.on_commit(lambda comment=comment: tell_author_of_removal(comment, reason))
    XtdComment.norel_objects.filter(pk__in=[comment.pk for comment in comments]).update(is_removed=True)
    for comment in comments:
        CommentFlag.objects.get_or_create(comment=comment, user=moderator, flag=CommentFlag.MODERATOR_DELETION)
        CommentReview.objects.update_or_create(
            comment=comment,
            defaults={
                "removal_kind": RemovalKind.MODERATOR,
                "removal_reason": reason,
                "decided_by": moderator,
                "decided_at": now,
            },
        )


def set_content_note(comment, note):
    """A moderator's note over a comment ("mentions suicide"): readers choose whether to open it.

    Kept on the comment's review, which the tree query joins anyway, so showing it costs no query.
    """
    CommentReview.objects.update_or_create(comment=comment, defaults={"content_note": note.strip()})


@transaction.atomic
def delete_own(comment, user):
    """A member takes back their own words: the text is erased, replies stay under a placeholder."""
    comments = XtdComment.norel_objects.filter(pk=comment.pk, user=user)
    mark_deleted_by_author(comments, decided_by=user)
    comments.update(is_removed=True, comment="", followup=False)


def may_edit(comment, user, now=None):
    """The author, on a comment still shown (or held), within EDIT_WINDOW of posting it."""
    return (
        user.is_authenticated
        and comment.user_id == user.pk
        and not comment.is_removed
        and comment.submit_date >= (now or timezone.now()) - EDIT_WINDOW
    )


@transaction.atomic
def edit_own(comment, user, text):
    """Replace the author's words; the safety net reads them again, as for a new comment.

    Words that now mention self-harm hold the comment and tell the moderators at once, as
    post_comment does. The language coach runs in the view before this is called. Raises
    CommentRefused once EDIT_WINDOW has passed.
    """
    comment = XtdComment.norel_objects.select_for_update().get(pk=comment.pk)
    if not may_edit(comment, user):
        raise CommentRefused(
            gettext("Comments can be edited for 15 minutes after posting. You can still delete it."), status=403
        )
    now = timezone.now()
    held = mentions_self_harm(text)
    XtdComment.norel_objects.filter(pk=comment.pk).update(comment=text, is_public=comment.is_public and not held)
    defaults = {"edited_at": now}
    if held:
        defaults["hold_reason"] = HoldReason.SAFETY
    CommentReview.objects.update_or_create(comment=comment, defaults=defaults)
    comment.refresh_from_db()
    if held:
        page = page_of(comment)
        if page is not None:
            transaction.on_commit(lambda: notify_moderators_of_safety_hold(comment, page))
    return comment


def clear_old_addresses():
    """Erase the client address of comments older than COMMENT_IP_RETENTION_DAYS; returns how many.

    The address only helps with abuse reported soon after a post (a flood, threats); after that it
    would only tell where a member was when they wrote about their family.
    """
    cutoff = timezone.now() - timedelta(days=settings.COMMENT_IP_RETENTION_DAYS)
    return XtdComment.norel_objects.filter(submit_date__lt=cutoff, ip_address__isnull=False).update(ip_address=None)


def never_store_email(sender, instance, **kwargs):
    """pre_save of every comment: the engine copies the account's email into `user_email` on some
    paths (its own forms, the Django admin); a comment row never holds an address, whoever saves it.
    """
    instance.user_email = ""


def mark_deleted_by_author(comments, decided_by=None):
    """Record that the authors of `comments` took them back (their own deletion or their account's).

    Also used by comments.member_data when an account is deleted without keeping its comments.
    """
    now = timezone.now()
    ids = list(comments.values_list("pk", flat=True))
    FollowUp.objects.filter(comment_id__in=ids).delete()
    for pk in ids:
        CommentReview.objects.update_or_create(
            comment_id=pk,
            defaults={"removal_kind": RemovalKind.AUTHOR, "decided_by": decided_by, "decided_at": now},
        )


@transaction.atomic
def report(comment, member, comment_settings, reason=CommentReport.Reason.OTHER, details=""):
    """Record a member's report (once each) and why; enough reports hide the comment until a moderator decides.

    Returns False when this member had already reported it. A moderator's approval stands: reports
    that came before it no longer count.
    """
    flag, created = CommentFlag.objects.get_or_create(comment=comment, user=member, flag=CommentFlag.SUGGEST_REMOVAL)
    if not created:
        return False
    CommentReport.objects.create(flag=flag, reason=reason, details=details.strip())
    if _counted_reports(comment) >= comment_settings.flags_to_hide:
        XtdComment.norel_objects.filter(pk=comment.pk).update(is_public=False)
        CommentReview.objects.update_or_create(comment=comment, defaults={"hold_reason": HoldReason.REPORTS})
    return True


def report_undo_deadline(comment, member):
    """Until when `member` may take back their report of `comment` (None: no report to take back)."""
    flag_date = (
        CommentFlag.objects.filter(comment=comment, user=member, flag=CommentFlag.SUGGEST_REMOVAL)
        .values_list("flag_date", flat=True)
        .first()
    )
    return flag_date + REPORT_UNDO_WINDOW if flag_date else None


@transaction.atomic
def undo_report(comment, member, comment_settings):
    """Take a report back within REPORT_UNDO_WINDOW; returns False when it is too late (or there is none).

    A comment that reports had hidden shows again when the remaining reports are too few; one held
    for any other reason, or removed by a moderator meanwhile, stays as it is.
    """
    deadline = report_undo_deadline(comment, member)
    if deadline is None or timezone.now() > deadline:
        return False
    CommentFlag.objects.filter(comment=comment, user=member, flag=CommentFlag.SUGGEST_REMOVAL).delete()
    hidden_by_reports = CommentReview.objects.filter(
        comment=comment, hold_reason=HoldReason.REPORTS, comment__is_public=False, comment__is_removed=False
    )
    if hidden_by_reports.exists() and _counted_reports(comment) < comment_settings.flags_to_hide:
        XtdComment.norel_objects.filter(pk=comment.pk).update(is_public=True)
        hidden_by_reports.update(hold_reason="")
    return True


def _counted_reports(comment):
    approved = (
        CommentFlag.objects.filter(comment=comment, flag=CommentFlag.MODERATOR_APPROVAL)
        .order_by("-flag_date")
        .values_list("flag_date", flat=True)
        .first()
    )
    reports = CommentFlag.objects.filter(comment=comment, flag=CommentFlag.SUGGEST_REMOVAL)
    if approved:
        reports = reports.filter(flag_date__gt=approved)
    return reports.count()


def moderators():
    app_label, codename = MODERATE_COMMENTS.split(".")
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions=permission) | Q(user_permissions=permission))
        .exclude(email="")
        .distinct()
    )


# --- Email --------------------------------------------------------------------------------------


def notify_moderators_of_safety_hold(comment, page):
    """Tell every moderator at once that a comment may come from someone in distress."""
    queue_url = absolute(reverse("comments_moderation:queue") + "?status=pending")
    for moderator in moderators():
        with translation.override(preferred_language(moderator)):
            context = {"comment": comment, "page": page, "queue_url": queue_url, "name": display_name(comment.user)}
            subject = render_to_string("comments/email/safety_hold_subject.txt", context).strip()
            body = render_to_string("comments/email/safety_hold.txt", context)
        _send("comments.safety_hold", subject, body, moderator)


def notify_followers(comment, page):
    """Email the members who asked to hear about this comment, if they may still read the page and still want to."""
    chain = _ancestor_ids(comment)
    followups = (
        FollowUp.objects.filter(
            comment__content_type_id=comment.content_type_id,
            comment__object_pk=comment.object_pk,
            user__is_active=True,
        )
        .filter(Q(scope=FollowUp.Scope.PAGE) | Q(scope=FollowUp.Scope.REPLIES, comment_id__in=chain))
        .exclude(user_id=comment.user_id)
        .select_related("user__member_profile")
        .order_by("user_id", "pk")
    )
    told = set()
    for followup in followups:
        member = followup.user
        if member.pk in told:
            continue
        profile = getattr(member, "member_profile", None)
        if profile is not None and (profile.suspended or not profile.notify_replies):
            continue
        if not can_view_page(member, page) or not member.email:
            continue
        told.add(member.pk)
        language = preferred_language(member)
        # The member's own language version of the page when it exists; links follow that language.
        with translation.override(language):
            context = {
                "member_name": display_name(member),
                "author_name": display_name(comment.user),
                "comment": comment,
                "page": page,
                # ?comment= shows its conversation however long the discussion (tree.shown_threads).
                "comment_url": page.get_full_url() + f"?comment={comment.pk}#c{comment.pk}",
                "unsubscribe_url": unsubscribe_url(followup, page),
                "is_reply": followup.scope == FollowUp.Scope.REPLIES,
            }
            subject = render_to_string("comments/email/followup_subject.txt", context).strip()
            body = render_to_string("comments/email/followup.txt", context)
        headers = {
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        _send("comments.followup", subject, body, member, headers=headers)


def tell_author_of_removal(comment, reason):
    """The author hears which comment a moderator removed and the reason, never who removed it."""
    member = comment.user
    if member is None or not member.is_active or not member.email:
        return
    language = preferred_language(member)
    with translation.override(language):
        page = page_of(comment)
        context = {
            "member_name": display_name(member),
            "page_title": page.localized.title if page is not None else "",
            "comment": comment,
            "reason": reason,
        }
        subject = render_to_string("comments/email/removed_subject.txt", context).strip()
        body = render_to_string("comments/email/removed.txt", context)
    _send("comments.removed", subject, body, member)


def write_to_member(comment, moderator, message):
    """A moderator's private message to a comment's author (after a safety hold), in the author's language.

    The moderator never sees the address; the message is kept in the comment's history for the team.
    Returns False when the author has no account or address left to write to.
    """
    from wagtail.log_actions import log

    member = comment.user
    if member is None or not member.is_active or not member.email:
        return False
    language = preferred_language(member)
    with translation.override(language):
        context = {"member_name": display_name(member), "message": message.strip()}
        subject = render_to_string("comments/email/moderator_message_subject.txt", context).strip()
        body = render_to_string("comments/email/moderator_message.txt", context)
    _send("comments.moderator_message", subject, body, member)
    log(instance=comment, action=WROTE_TO_MEMBER, user=moderator, data={"message": message.strip()})
    return True


def _ancestor_ids(comment):
    parents = dict(XtdComment.norel_objects.filter(thread_id=comment.thread_id).values_list("pk", "parent_id"))
    chain = []
    current = parents.get(comment.pk)
    while current is not None and current not in chain:
        chain.append(current)
        parent = parents.get(current)
        current = None if parent == current else parent
    return chain


def unsubscribe_token(followup):
    return signing.dumps(followup.pk, salt=UNSUBSCRIBE_SALT + xtd_settings.COMMENTS_XTD_SALT.decode())


def followup_from_token(token):
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT + xtd_settings.COMMENTS_XTD_SALT.decode())
    except signing.BadSignature:
        return None
    return FollowUp.objects.filter(pk=pk).select_related("comment").first()


def stop_followups(followup):
    """Unsubscribe from the conversation the email was about: every follow-up of that member on that page."""
    FollowUp.objects.filter(
        user_id=followup.user_id,
        comment__content_type_id=followup.comment.content_type_id,
        comment__object_pk=followup.comment.object_pk,
    ).delete()


def unsubscribe_url(followup, page):
    return absolute(reverse("comments:unsubscribe", args=[unsubscribe_token(followup)]))


def _send(kind, subject, body, recipient, headers=None):
    """Email one account in its preferred language, discreetly if it asked (members.mail)."""
    try:
        mail.send(
            kind,
            to=recipient.email,
            subject=subject,
            body=body,
            language=preferred_language(recipient),
            discreet=mail.discreet_for(recipient),
            headers=headers,
        )
    except OSError:
        # The comment is saved either way; a mail outage must not turn the post into an error page.
        logger.exception("Could not send a comment email")
