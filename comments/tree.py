"""A page's comment tree for one viewer, in a fixed number of queries whatever its size.

The engine's own tree template asks the database twice per comment; here names, badges,
pictures and the viewer's reports come from one annotated query, and the nesting is done in Python.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.urls import reverse
from django_comments.models import CommentFlag

from members.services import is_member

from .models import RemovalKind
from .services import comments_on


@dataclass
class CommentNode:
    comment: object
    state: str  # "visible", "pending" (the viewer's own, held), "removed", "deleted", "hidden"
    is_staff: bool = False
    reported_by_viewer: bool = False
    picture_url: str = ""
    children: list = field(default_factory=list)

    @property
    def is_visible(self):
        return self.state in {"visible", "pending"}


def _staff_permission():
    return Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")


def annotated_comments(page, viewer):
    staff_groups = Group.permissions.through.objects.filter(
        permission__in=_staff_permission(),
        group__user=OuterRef("user_id"),
    )
    comments = (
        comments_on(page)
        .select_related("user__member_profile", "review")
        .annotate(
            author_is_staff=ExpressionWrapper(
                Q(Exists(staff_groups)) | Q(user__is_staff=True) | Q(user__is_superuser=True),
                output_field=BooleanField(),
            )
        )
        .order_by("thread_id", "order")
    )
    if viewer.is_authenticated:
        comments = comments.annotate(
            reported_by_viewer=Exists(
                CommentFlag.objects.filter(comment=OuterRef("pk"), user=viewer, flag=CommentFlag.SUGGEST_REMOVAL)
            )
        )
    return comments


def _state(comment, viewer):
    profile = getattr(comment.user, "member_profile", None) if comment.user_id else None
    if comment.is_removed:
        review = getattr(comment, "review", None)
        return "deleted" if review is not None and review.removal_kind == RemovalKind.AUTHOR else "removed"
    if profile is not None and profile.suspended:
        return "hidden"
    if not comment.is_public:
        return "pending" if viewer.is_authenticated and comment.user_id == viewer.pk else "hidden"
    return "visible"


def _picture_url(comment, viewer_is_member):
    """The member's own picture, only where the viewer could open their profile anyway; else initials."""
    profile = getattr(comment.user, "member_profile", None) if comment.user_id else None
    if viewer_is_member and profile is not None and profile.avatar and profile.show_in_directory:
        return reverse("members:picture", args=[comment.user.username])
    return ""


def comment_tree(page, viewer):
    """The page's threads, oldest first, as CommentNode trees; placeholders keep replies in place."""
    viewer_is_member = is_member(viewer)
    nodes = {}
    roots = []
    for comment in annotated_comments(page, viewer):
        node = CommentNode(
            comment=comment,
            state=_state(comment, viewer),
            is_staff=comment.author_is_staff,
            reported_by_viewer=getattr(comment, "reported_by_viewer", False),
            picture_url=_picture_url(comment, viewer_is_member),
        )
        nodes[comment.pk] = node
        parent = nodes.get(comment.parent_id) if comment.parent_id != comment.pk else None
        (parent.children if parent else roots).append(node)
    return _prune(roots)


def _prune(nodes):
    """Drop placeholders with nothing visible under them: a lone "removed" line helps nobody."""
    kept = []
    for node in nodes:
        node.children = _prune(node.children)
        if node.is_visible or node.children:
            kept.append(node)
    return kept


def count_visible(nodes):
    return sum((node.state == "visible") + count_visible(node.children) for node in nodes)
