"""What the members app does with a member's comments (django-comments-xtd) for privacy rights.

The comments feature itself lives elsewhere; this module answers only the data-rights questions:
what a member gets in their download, and what happens to their comments when they leave. A
comment is never deleted here, because replies hang under it by id: deleting it would orphan or
hide the replies of other members.

Templates showing comments use `{{ comment|commenter_name }}` (members.templatetags.member_tags),
so a comment left behind by a deleted account reads "Former member".
"""

from django.utils.translation import gettext as _

from cms.public_url import absolute

from .registry import account_deletion, data_export


def _comment_model():
    from django_comments_xtd.models import XtdComment

    return XtdComment


def comments_as_data(member):
    comments = _comment_model().objects.filter(user=member).order_by("submit_date").prefetch_related("content_object")
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
    from comments.services import mark_deleted_by_author

    comments = _comment_model().norel_objects.filter(user=member)
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
        from .services import display_name

        return display_name(comment.user)
    return comment.user_name or _("Former member")


data_export.register("comments", comments_as_data)
account_deletion.register("comments", release_comments)
