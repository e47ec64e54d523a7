"""Parts of a page that are the same for every reader, rendered once per generation.

A listing (the blog's posts with its sidebar, the podcast's episodes) or a page's body is the same
for everyone who may see the page, in one language. `for_everyone` builds such a part once and
keeps it with the page chrome under the page cache's generation (`cached_with_pages`), so any
change a public page could show retires it at once, and members' pages, which the whole-page
cache never keeps, assemble cached parts too.

Nothing personal can get in: `render_part` renders a part's template from the context it is given
and the request (for its URLs and query string), without Django's context processors, so it has
no `user`, no `perms`, no CSRF token and no messages to show. What a part may read of its reader
through the request is named in its key: `reader_kind` (whether they are a member, which changes
how learning references read, and whether they open content notes). A preview (Wagtail's, or a
workflow's review) is never cached: its content is not the page's published one.
"""

from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation

from cms.blocks import expands_content_notes
from cms.membership import is_member
from cms.page_cache import cached_with_pages


def for_everyone(name, key, build, request):
    """`build()`, kept for every reader of the active language and time zone under `key` (see the
    module): a member may read dates and times in their own zone."""
    if getattr(request, "is_preview", False):
        return build()
    return cached_with_pages(name, f"{translation.get_language()}-{timezone.get_current_timezone_name()}-{key}", build)


def for_readers_of(page, name, build, request):
    """`build()` for one published version of `page`, kept per kind of reader (`reader_kind`): how
    a page's body, article or hero is kept."""
    return for_everyone(name, f"{page.pk}-{page.live_revision_id}-{reader_kind(request)}", build, request)


def reader_kind(request):
    """All a page body may read of its reader (see the module): part of the body's key."""
    user = getattr(request, "user", None)
    if user is None:
        return "visitor"
    member = "member" if is_member(user) else "visitor"
    return f"{member}-notes-open" if expands_content_notes(user) else member


def render_part(template_name, context, request):
    """`template_name` rendered from `context` and the request alone: nothing of the reader's."""
    context = Context({**context, "request": request})
    context.request = request  # {% querystring %} reads it from here
    return get_template(template_name).template.render(context)
