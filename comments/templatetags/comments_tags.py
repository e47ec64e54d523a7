"""`{% load comments_tags %}{% comment_section page %}`: a page's comments, policy and form.

Page templates call only this tag, so the engine's own tree tags (gone in django-comments-xtd 3)
are never used.
"""

from django import template
from django.contrib.auth.views import redirect_to_login
from django.db.models import OuterRef
from django.utils.safestring import SafeData
from django.utils.translation import get_language
from wagtail.models import Site

from cms.membership import is_member
from cms.page_cache import cached_with_pages
from cms.privacy import alias_on_line, passed_serving_check, restriction_on_line
from comments import rendering
from comments.access import can_view_page, comments_open, posting_refusal
from comments.forms import MemberCommentForm
from comments.models import CommentPolicy, CommentSettings, visible_comment_count
from comments.rendering import comment_text_html, render_threads
from comments.tree import comment_tree, count_visible, shown_threads

register = template.Library()


@register.inclusion_tag("comments/comment_section.html", takes_context=True)
def comment_section(context, page):
    request = context["request"]
    user = request.user
    # The page Wagtail is serving has just passed its privacy check; any other page is asked here.
    served = page.live and not page.expired and passed_serving_check(request, page)
    if not served and not can_view_page(user, page):
        return {"visible": False}
    comment_settings = cached_settings(request)
    threads = comment_tree(page, user)
    refusal = posting_refusal(user, page, comment_settings, can_view=True)
    reply_target = _reply_target(request, threads)
    comment_count = count_visible(threads)
    shown = shown_threads(threads, request.GET)
    form = None
    if refusal is None:
        form = MemberCommentForm(page, initial={"reply_to": reply_target.comment.pk if reply_target else 0})
    return {
        "visible": True,
        "request": request,
        "user": user,
        "page": page,
        "threads": shown.threads,
        "more_comments_url": shown.more_url,
        "one_conversation": shown.focused,
        "comment_count": comment_count,
        "is_open": comments_open(page, comment_settings),
        "refusal": refusal,
        "form": form,
        "reply_target": reply_target,
        # Known from comment_tree (is_member is remembered on the user): muting costs no query here.
        "can_mute": is_member(user),
        "policy": cached_policy(page.locale_id),
        "other_versions": _other_versions(page, user),
        "login_url": redirect_to_login(page.get_url(request) + "#comments").url,
        # A reply link opened by a visitor who is not signed in: log in, then come back to that reply.
        "reply_login_url": (
            redirect_to_login(f"{page.get_url(request)}?reply_to={reply_target.comment.pk}#reply-form").url
            if reply_target and not user.is_authenticated
            else ""
        ),
    }


@register.simple_tag(takes_context=True)
def comment_threads(context, threads):
    """The threads as nested lists, built in one pass in Python (see comments/rendering.py)."""
    return render_threads(context, threads)


@register.filter
def comment_text(text):
    """Plain text to HTML: escaped, links clickable but not endorsed, line breaks kept."""
    if isinstance(text, SafeData):  # not cached: the cache is keyed by plain text
        return comment_text_html.__wrapped__(text)
    return comment_text_html(str(text))


@register.filter
def initials(name):
    """Up to two letters for the avatar circle: "Maria Luisa" → "ML"."""
    return rendering.initials(name)


def cached_settings(request):
    """The site's comment switches for showing the section (posting reads them fresh).

    Read without Wagtail's create-on-first-read: a page view writes nothing, and a new row would
    retire every cached page (the defaults apply until an editor saves the settings).
    """
    site = Site.find_for_request(request)

    def build():
        return CommentSettings.objects.filter(site=site).first() or CommentSettings(site=site)

    return cached_with_pages("comment-settings", site.pk if site else 0, build)


def cached_policy(locale_id):
    """The house rules in the page's language."""
    policies = CommentPolicy.objects.filter(locale_id=locale_id, live=True)
    return cached_with_pages("comment-policy", locale_id, policies.first)


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
    for translation in _translations_with_comments(page):
        # Nothing on its line restricted and no alias there: public, without a query of its own.
        if (not translation.restricted and not translation.under_alias) or can_view_page(user, translation):
            versions.append(
                {
                    "page": translation,
                    "count": translation.visible_comments,
                    "language": _language_name_in_a_sentence(translation.locale),
                }
            )
    return versions


def _translations_with_comments(page):
    """The page's live translations that have visible comments, with their counts and what their
    privacy check needs: the same for every reader, so kept under the page cache's generation.

    One query for the translations, their locales and their counts (a correlated subquery; comments
    point at pages by text `object_pk`, hence the cast), whatever the number of languages.
    """

    def build():
        return list(
            page.get_translations()
            .live()
            .select_related("locale")
            .annotate(
                visible_comments=visible_comment_count(content_type_id=OuterRef("content_type_id")),
                restricted=restriction_on_line(),
                under_alias=alias_on_line(),
            )
            # "The other version has 0 comments" helps nobody, and skipping it skips its privacy check.
            .filter(visible_comments__gt=0)
        )

    return cached_with_pages("comment-translations", page.pk, build)


def _language_name_in_a_sentence(locale):
    """English capitalises language names; Spanish (and most others) writes them in lower case."""
    name = str(locale.get_display_name())
    return name if get_language().startswith("en") else name.lower()
