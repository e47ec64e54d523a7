"""Who may read and who may write comments on a page: the checks every comment route goes through."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from cms.membership import is_member
from cms.privacy import passes_restriction, view_restrictions
from cms.roles import MODERATE_COMMENTS
from members.services import is_suspended

from .models import CommentablePageMixin, CommentSettings


def commentable_page(content_type, object_pk):
    """The live page a comment form ("app_label.model") or a comment points at, or None for anything else.

    Drafts, other models and pages whose type takes no comments are all None, so callers answer
    them the same way as a page that does not exist.
    """
    try:
        if not isinstance(content_type, ContentType):
            content_type = ContentType.objects.get_by_natural_key(*str(content_type).split(".", 1))
        pk = int(object_pk)
    except (ContentType.DoesNotExist, TypeError, ValueError):
        return None
    model = content_type.model_class()
    if model is None or not issubclass(model, CommentablePageMixin) or not issubclass(model, Page):
        return None
    return model.objects.live().filter(pk=pk).first()


def page_of(comment):
    return commentable_page(ContentType.objects.get_for_id(comment.content_type_id), comment.object_pk)


def can_view_page(user, page):
    """Wagtail's page privacy, decided for a user rather than a request (follow-up emails have none)."""
    if page is None or not page.live or page.expired:
        return False
    return all(passes_restriction(user, restriction) for restriction in view_restrictions(page))


def settings_for(page):
    site = page.get_site() or Site.objects.filter(is_default_site=True).first()
    return CommentSettings.for_site(site)


def comments_open(page, comment_settings=None):
    comment_settings = comment_settings or settings_for(page)
    return comment_settings.comments_open and page.allow_comments


def is_moderator(user):
    return user.is_authenticated and user.is_active and user.has_perm(MODERATE_COMMENTS)


def posting_refusal(user, page, comment_settings=None, *, can_view=None):
    """Why `user` may not comment on `page` (a message for them), or None when they may.

    `can_view` is can_view_page(user, page) when the caller has just decided it (two queries saved).
    """
    if not comments_open(page, comment_settings):
        return _("Comments are closed on this page.")
    if not user.is_authenticated:
        return _("Please log in to comment. Only members can post comments.")
    if is_suspended(user) or not user.is_active:
        return _("Your account is suspended, so you cannot post comments.")
    if not is_member(user):
        return _("Please confirm your email address first: comments open once your membership is active.")
    if not (can_view_page(user, page) if can_view is None else can_view):
        return _("You cannot comment on this page.")
    return None
