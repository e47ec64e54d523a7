"""A member's comments in their data rights: what their download holds, what their leaving does.

Registered in the members' registries by CommentsConfig.ready(), so `members` never imports
comments. A comment is never deleted here, because replies hang under it by id: deleting it
would orphan or hide the replies of other members.
"""

from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment

from cms.public_url import absolute
from members.services import display_name

from .services import mark_deleted_by_author


def comments_as_data(member):
    comments = XtdComment.objects.filter(user=member).order_by("submit_date").prefetch_related("content_object")
    return [
        {
            "submitted": comment.submit_date.isoformat(),
            "text": comment.comment,
            "on": _address_of(comment.content_object),
            "is_public": comment.is_public,
            "is_removed": comment.is_removed,
        }
        for comment in comments
    ]


def _address_of(target):
    if target is None:
        return None
    full_url = getattr(target, "full_url", None)
    if full_url:
        return full_url
    get_absolute_url = getattr(target, "get_absolute_url", None)
    return absolute(get_absolute_url()) if get_absolute_url else str(target)


def release_comments(member, keep_comments):
    """Detach the member's comments from them; keep the words as a former member's, or blank them.

    Either way the comment row stays, so the thread of replies under it is unchanged.
    """
    comments = XtdComment.norel_objects.filter(user=member)
    if not keep_comments:
        # Before the user is detached: the record says the author took their words back, so the
        # thread reads "deleted by its author", not "removed by a moderator".
        mark_deleted_by_author(comments)
    anonymous = {"user": None, "user_name": "", "user_email": "", "user_url": "", "ip_address": None, "followup": False}
    if not keep_comments:
        anonymous.update(comment="", is_removed=True)
    comments.update(**anonymous)


def commenter_name(comment):
    """The name to print above a comment: the member's public name, or "Former member"."""
    if comment.user_id:
        return display_name(comment.user)
    return comment.user_name or _("Former member")
