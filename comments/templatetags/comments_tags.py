"""`{% load comments_tags %}{% comment_section page %}`: a page's comments, policy and form.

Page templates call only this tag, so the engine's own tree tags (gone in django-comments-xtd 3)
are never used.
"""

from django import template
from django.contrib.auth.views import redirect_to_login
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

from comments.access import can_view_page, comments_open, posting_refusal
from comments.forms import MemberCommentForm
from comments.models import CommentPolicy, CommentSettings
from comments.services import comments_on
from comments.tree import comment_tree, count_visible

register = template.Library()


@register.inclusion_tag("comments/comment_section.html", takes_context=True)
def comment_section(context, page):
    request = context["request"]
    user = request.user
    if not can_view_page(user, page):
        return {"visible": False}
    comment_settings = CommentSettings.for_request(request)
    threads = comment_tree(page, user)
    refusal = posting_refusal(user, page, comment_settings)
    reply_target = _reply_target(request, threads)
    form = None
    if refusal is None:
        form = MemberCommentForm(page, initial={"reply_to": reply_target.comment.pk if reply_target else 0})
    return {
        "visible": True,
        "request": request,
        "user": user,
        "page": page,
        "threads": threads,
        "comment_count": count_visible(threads),
        "is_open": comments_open(page, comment_settings),
        "refusal": refusal,
        "form": form,
        "reply_target": reply_target,
        "policy": CommentPolicy.objects.filter(locale_id=page.locale_id).first(),
        "other_versions": _other_versions(page, user),
        "login_url": redirect_to_login(page.get_url(request) + "#comments").url,
    }


@register.inclusion_tag("comments/comment_thread.html", takes_context=True)
def comment_thread(context, nodes):
    """One level of the tree; calls itself for the replies (see comment_thread.html)."""
    return {**context.flatten(), "nodes": nodes}


@register.filter
def comment_text(text):
    """Plain text to HTML: escaped, links clickable but not endorsed, line breaks kept."""
    linked = urlize(text, nofollow=True, autoescape=True).replace(' rel="nofollow"', ' rel="nofollow ugc"')
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308 (escaped by urlize above)


@register.filter
def initials(name):
    """Up to two letters for the avatar circle: "Maria Luisa" → "ML"."""
    letters = [word[0] for word in str(name).split() if word and word[0].isalnum()]
    return "".join(letters[:2]).upper() or "·"


def _reply_target(request, threads):
    try:
        wanted = int(request.GET.get("reply_to", 0))
    except ValueError:
        return None
    stack = list(threads)
    while stack:
        node = stack.pop()
        if node.comment.pk == wanted and node.state == "visible":
            return node
        stack.extend(node.children)
    return None


def _other_versions(page, user):
    """The page's other languages and their comment counts: each translation has its own thread."""
    versions = []
    for translation in page.get_translations().live().select_related("locale").specific():
        if can_view_page(user, translation):
            count = comments_on(translation).filter(is_public=True, is_removed=False).count()
            versions.append({"page": translation, "count": count, "language": translation.locale.get_display_name()})
    return versions
