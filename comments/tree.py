"""A page's comment tree for one viewer, in a fixed number of queries whatever its size.

The engine's own tree template asks the database twice per comment; here names, badges and
pictures come from one annotated query, and the nesting is done in Python. The query returns plain
named rows (no model instances): a thread of 500 comments would otherwise build 2,000 model
objects (comment, user, profile, review) on every page view.

The rows are the same for every viewer, so they are kept with the page chrome under the page
cache's generation (`cached_with_pages`): any change to a comment, its review or its author's
profile retires them. What is the viewer's own (the comments they reported, the people they
muted) is asked fresh on every view, in one query.
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
from cms.page_cache import cached_with_pages
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
    hidden_replies: int = 0  # on a conversation shown in part (shown_threads): how many wait behind a link

    @property
    def is_visible(self):
        return self.state in {"visible", "pending"}


def _staff_permission():
    return Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")


def annotated_comments(page):
    """The page's comments with what the tree shows of their authors: the same for every viewer.

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
    return comments.order_by("thread_id", "order")


def page_rows(page):
    """The rows of `annotated_comments(page)`, kept under the page cache's generation."""

    def build():
        return list(annotated_comments(page).values_list(*_QUERY_FIELDS, named=True))

    return cached_with_pages("comment-rows", f"{page.content_type_id}-{page.pk}", build)


def viewer_marks(viewer, rows):
    """(ids of the comments the viewer reported, ids of the authors they muted) among `rows`: one query."""
    if not viewer.is_authenticated or not rows:
        return set(), set()
    reported = CommentFlag.objects.filter(
        user=viewer, flag=CommentFlag.SUGGEST_REMOVAL, comment_id__in=[row.pk for row in rows]
    ).values_list(Value("reported"), "comment_id")
    muted = Mute.objects.filter(muter=viewer).values_list(Value("muted"), "muted")
    marks = {"reported": set(), "muted": set()}
    for kind, pk in reported.union(muted, all=True):
        marks[kind].add(pk)
    return marks["reported"], marks["muted"]


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
    rows = page_rows(page)
    reported, muted = viewer_marks(viewer, rows)
    for row in rows:
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
            reported_by_viewer=row.pk in reported,
            muted_by_viewer=row.user_id in muted,
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


# --- What one page view shows (issue 19) -------------------------------------------------------------

THREADS_PER_BATCH = 30  # conversations (top-level comments with their replies) per "show more"
REPLIES_SHOWN = 20  # replies of one conversation shown before "show the other N replies"


@dataclass(slots=True)
class ShownThreads:
    threads: list
    more_url: str = ""  # the next batch of conversations; "" when every one is shown
    focused: bool = False  # one conversation alone (?thread=): the page links back to all of them


def _size(node):
    return 1 + sum(_size(child) for child in node.children)


def _trim(root, limit):
    """Keep the first `limit` replies of a conversation in reading order; count the rest."""
    kept = 0

    def walk(node):
        nonlocal kept
        children = []
        for child in node.children:
            if kept >= limit:
                break
            kept += 1
            walk(child)
            children.append(child)
        node.children = children

    total = _size(root) - 1
    walk(root)
    root.hidden_replies = total - kept


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _root_index(threads, pk):
    """Which conversation holds comment `pk` (None when none does)."""
    for index, root in enumerate(threads):
        stack = [root]
        while stack:
            node = stack.pop()
            if node.comment.pk == pk:
                return index
            stack.extend(node.children)
    return None


def shown_threads(threads, params):
    """The part of a long discussion one page view shows, as Discourse does: the first 30
    conversations, each with its first 20 replies, then links that load more (a plain link without
    JavaScript, fetched in place with it, comments/static/comments/threads.js).

    `params` (the request's query): `comments=all` shows everything; `thread=<pk>` one whole
    conversation; `threads=<n>` the first n; `comment=<pk>` or `reply_to=<pk>` (the links emails and
    redirects write) make sure that comment's conversation is there, whole, so a deep link lands.
    """
    if params.get("comments") == "all":
        return ShownThreads(threads)
    focus = _number(params.get("thread"))
    index = _root_index(threads, focus) if focus is not None else None
    if index is not None and threads[index].comment.pk == focus:
        return ShownThreads([threads[index]], focused=True)
    wanted = _number(params.get("threads")) or THREADS_PER_BATCH
    count = min(len(threads), max(THREADS_PER_BATCH, wanted))
    whole = set()
    for name in ("comment", "reply_to"):
        pk = _number(params.get(name))
        index = _root_index(threads, pk) if pk is not None else None
        if index is not None:
            count = max(count, index + 1)
            whole.add(index)
    for index, root in enumerate(threads[:count]):
        if index not in whole:
            _trim(root, REPLIES_SHOWN)
    more_url = ""
    if count < len(threads):
        more_url = f"?threads={count + THREADS_PER_BATCH}#c{threads[count].comment.pk}"
    return ShownThreads(threads[:count], more_url)
