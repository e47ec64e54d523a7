"""A page's comment tree for one viewer, in a fixed number of queries whatever its size.

The engine's own tree template asks the database twice per comment; here names, badges,
pictures and the viewer's reports come from one annotated query, and the nesting is done in Python.
The query returns plain named rows (no model instances): a thread of 500 comments would otherwise
build 2,000 model objects (comment, user, profile, review) on every page view.
"""

from dataclasses import dataclass, field
from urllib.parse import quote

from django.contrib.auth.models import Group, Permission
from django.db.models import BooleanField, CharField, Exists, ExpressionWrapper, OuterRef, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import NoReverseMatch, reverse
from django_comments.models import Comment, CommentFlag
from django_comments_xtd.models import XtdComment

from cms.membership import is_member
from members.models import Mute

from .models import RemovalKind

# What a comment row carries into the page: the engine's field names, so templates read them as before.
_ROW_FIELDS = ("pk", "parent_id", "user_id", "user_name", "comment", "submit_date", "is_public", "is_removed")
# A member's current public name, not the one stored with the comment when it was posted: a new
# display name reaches every old comment, from the profile row the query joins anyway.
_QUERY_FIELDS = (
    *("author_name" if name == "user_name" else name for name in _ROW_FIELDS),
    "review__removal_kind",
    "user__username",
    "user__member_profile__suspended",
    "user__member_profile__avatar",
    "user__member_profile__show_in_directory",
    "author_is_staff",
    "reported_by_viewer",
    "muted_by_viewer",
    "review__content_note",
    "review__edited_at",
)


class CommentRow:
    """The few fields of a comment the page shows, read from one row of the annotated query."""

    __slots__ = _ROW_FIELDS

    def __init__(self, *values):
        for name, value in zip(_ROW_FIELDS, values, strict=True):
            setattr(self, name, value)

    @property
    def id(self):
        return self.pk

    def __repr__(self):
        return f"<CommentRow {self.pk}>"


@dataclass(slots=True)
class CommentNode:
    comment: CommentRow
    state: str  # "visible", "pending" (the viewer's own, held), "removed", "deleted", "hidden"
    is_staff: bool = False
    reported_by_viewer: bool = False
    muted_by_viewer: bool = False  # the viewer muted the author: shown collapsed, to them only
    picture_url: str = ""
    content_note: str = ""  # a moderator's note: the text is shown behind it, in a <details>
    edited: bool = False  # its author changed it after posting (within services.EDIT_WINDOW)
    children: list = field(default_factory=list)

    @property
    def is_visible(self):
        return self.state in {"visible", "pending"}


def _staff_permission():
    return Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")


def annotated_comments(page, viewer):
    """The page's comments with what the tree shows of their authors and of the viewer's reports.

    The page's comment ids come first, from the comments table's own index; asked for in the same
    query as the rest, PostgreSQL's default costs have it scan every comment of the site to join
    them (16 ms instead of 5 for a thread of 500 among 100,000).
    """
    ids = list(
        Comment.objects.filter(content_type_id=page.content_type_id, object_pk=str(page.pk)).values_list(
            "pk", flat=True
        )
    )
    staff_groups = Group.permissions.through.objects.filter(
        permission__in=_staff_permission(),
        group__user=OuterRef("user_id"),
    )
    comments = XtdComment.objects.filter(pk__in=ids).annotate(
        author_name=Coalesce(
            NullIf("user__member_profile__display_name", Value("")),
            "user__username",
            "user_name",
            output_field=CharField(),
        ),
        author_is_staff=ExpressionWrapper(
            Q(Exists(staff_groups)) | Q(user__is_staff=True) | Q(user__is_superuser=True),
            output_field=BooleanField(),
        ),
    )
    if viewer.is_authenticated:
        comments = comments.annotate(
            reported_by_viewer=Exists(
                CommentFlag.objects.filter(comment=OuterRef("pk"), user=viewer, flag=CommentFlag.SUGGEST_REMOVAL)
            ),
            # In the same query, so muting costs the page no query of its own.
            muted_by_viewer=Exists(Mute.objects.filter(muter=viewer, muted=OuterRef("user_id"))),
        )
    else:
        no = Value(False, output_field=BooleanField())
        comments = comments.annotate(reported_by_viewer=no, muted_by_viewer=no)
    return comments.order_by("thread_id", "order")


def _state(row, viewer_pk):
    if row.is_removed:
        return "deleted" if row.review__removal_kind == RemovalKind.AUTHOR else "removed"
    if row.user_id and row.user__member_profile__suspended:
        return "hidden"
    if not row.is_public:
        return "pending" if viewer_pk is not None and row.user_id == viewer_pk else "hidden"
    return "visible"


class _PictureUrls:
    """`members:picture` for many usernames with one reverse(): the path around the name never changes."""

    _MARK = "username-placeholder"

    def __init__(self):
        try:
            self.prefix, _, self.suffix = reverse("members:picture", args=[self._MARK]).rpartition(self._MARK)
        except NoReverseMatch:  # pragma: no cover (the members app is always installed)
            self.prefix = None

    def __call__(self, username):
        if self.prefix is None or not username or "/" in username:
            return reverse("members:picture", args=[username])
        # As reverse() quotes arguments (django.urls.resolvers, RFC 3986 sub-delimiters kept).
        return self.prefix + quote(username, safe="!$&'()*+,;=/~:@") + self.suffix


def comment_tree(page, viewer):
    """The page's threads, oldest first, as CommentNode trees; placeholders keep replies in place."""
    viewer_is_member = is_member(viewer)
    viewer_pk = viewer.pk if viewer.is_authenticated else None
    picture_url = _PictureUrls() if viewer_is_member else None
    nodes = {}
    roots = []
    for row in annotated_comments(page, viewer).values_list(*_QUERY_FIELDS, named=True):
        shows_picture = picture_url and row.user_id and row.user__member_profile__avatar
        node = CommentNode(
            comment=CommentRow(
                row.pk,
                row.parent_id,
                row.user_id,
                row.author_name,
                row.comment,
                row.submit_date,
                row.is_public,
                row.is_removed,
            ),
            state=_state(row, viewer_pk),
            is_staff=bool(row.author_is_staff),
            reported_by_viewer=bool(row.reported_by_viewer),
            muted_by_viewer=bool(row.muted_by_viewer),
            # The member's own picture, only where the viewer could open their profile anyway; else initials.
            picture_url=(
                picture_url(row.user__username) if shows_picture and row.user__member_profile__show_in_directory else ""
            ),
            content_note=row.review__content_note or "",
            edited=row.review__edited_at is not None,
        )
        nodes[row.pk] = node
        parent = nodes.get(row.parent_id) if row.parent_id != row.pk else None
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
