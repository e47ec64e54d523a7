"""What other apps' events mean for comments: deleted pages and members' profile pages.

The member's data export and account deletion providers for comments live in comments.member_data
(it scrubs name, email and IP and keeps replies in place).
"""

from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment

from .access import can_view_page, commentable_page

RECENT_COMMENTS = 5


def delete_comments_of_page(sender, instance, **kwargs):
    XtdComment.norel_objects.filter(content_type_id=instance.content_type_id, object_pk=str(instance.pk)).delete()


def recent_comments(member, viewer):
    """A profile section: the member's latest public comments on pages the viewer may read."""
    candidates = (
        XtdComment.norel_objects.filter(user=member, is_public=True, is_removed=False)
        .select_related("content_type")
        .order_by("-submit_date")[:20]
    )
    items = []
    for comment in candidates:
        page = commentable_page(comment.content_type, comment.object_pk)
        if page is not None and can_view_page(viewer, page):
            items.append({"comment": comment, "page": page})
        if len(items) == RECENT_COMMENTS:
            break
    if not items:
        return None
    return {"title": _("Recent comments"), "template": "comments/profile_comments.html", "items": items}
