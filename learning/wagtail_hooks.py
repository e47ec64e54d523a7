"""Members-only serving of the course, the exercise snippets, and learning-aware rich-text links."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, resolve_url
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.rich_text.converters.html_to_contentstate import (
    ExternalLinkElementHandler,
    PageLinkElementHandler,
)
from wagtail.rich_text.pages import PageLinkHandler
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.views import serve_chain

from cms.admin_ui import PermissionMenuItem
from cms.membership import is_member
from cms.privacy import mark_served

from .models import Exercise, LearningIndexPage, ModulePage, SegmentPage
from .reports import REPORT_PERMISSION, course_use_report
from .rich_text import ExerciseLinkElementHandler, ExerciseLinkHandler, exercise_aware_link_entity

COURSE_PAGE_TYPES = (LearningIndexPage, ModulePage, SegmentPage)


def _is_index_route(serve_args):
    view = serve_args[0] if serve_args else None
    return getattr(view, "__name__", "") == "index_route"


@hooks.register("before_serve_page")
def keep_the_course_for_members(page, request, serve_args, serve_kwargs):
    """The one place that decides who is served a course page: `is_member`.

    It runs before Wagtail's own privacy check, so the learning index can show visitors the
    public overview (titles and summaries) instead of a login page. Everything else in the course
    sends anonymous visitors to log in and back, and logged-in non-members to that overview.
    """
    if not isinstance(page, COURSE_PAGE_TYPES) or is_member(request.user):
        return None
    if may_read_as_staff(request, page, serve_args):
        return serve_to_staff(page, request, serve_args, serve_kwargs)
    if isinstance(page, LearningIndexPage) and _is_index_route(serve_args):
        response = page.serve_public_overview(request)
    elif request.user.is_authenticated:
        messages.info(request, _("The learning modules are for members. Here is what they cover."))
        # An alias placed outside the course leads to its original's course.
        original = page.alias_of if page.alias_of_id else page
        index = LearningIndexPage.objects.ancestor_of(original, inclusive=True).first()
        response = redirect(index.get_url(request))
    else:
        response = redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
    add_never_cache_headers(response)
    return response


def may_read_as_staff(request, page, serve_args):
    """Staff who may edit a course page read it as members do, to check their work.

    Reading only: GET, and on the learning index only the course itself (the journal and the
    exercises keep a member's own writing, which staff have none of).
    """
    user = request.user
    if request.method not in ("GET", "HEAD") or not user.is_authenticated or not user.is_active:
        return False
    if isinstance(page, LearningIndexPage) and not _is_index_route(serve_args):
        return False
    original = page.alias_of if page.alias_of_id else page
    return original.permissions_for_user(user).can_edit()


def serve_to_staff(page, request, serve_args, serve_kwargs):
    """Serve the members' page past Wagtail's group check, with a notice, and never cached."""
    messages.info(
        request,
        _("You are viewing this members-only page as staff. Members see it like this; visitors do not see it."),
    )
    mark_served(request, page)
    response = serve_chain(page, request, serve_args, serve_kwargs)
    add_never_cache_headers(response)
    return response


class PublishedPageLinkHandler(PageLinkHandler):
    """Internal page links in rich text, pointing at the translation in the visitor's language.

    A link to an unpublished or deleted page (a withdrawn module, say) renders as an `<a>` without
    href, which browsers and screen readers treat as plain text, instead of a link to a 404.
    """

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        links = []
        for page in cls.get_many(attrs_list):
            target = page.localized if page is not None else None
            links.append(f'<a href="{escape(target.url)}">' if target is not None and target.live else "<a>")
        return links


@hooks.register("register_rich_text_features", order=10)
def register_published_page_links(features):
    # Runs after Wagtail's own registration (order 0) so these replace the stock handler and rule.
    features.register_link_type(PublishedPageLinkHandler)
    features.register_link_type(ExerciseLinkHandler)
    features.register_converter_rule(
        "contentstate",
        "link",
        {
            "from_database_format": {
                "a[href]": ExternalLinkElementHandler("LINK"),
                'a[linktype="page"]': PageLinkElementHandler("LINK"),
                'a[linktype="exercise"]': ExerciseLinkElementHandler("LINK"),
            },
            "to_database_format": {"entity_decorators": {"LINK": exercise_aware_link_entity}},
        },
    )


class ExerciseViewSet(SnippetViewSet):
    model = Exercise
    icon = "form"
    menu_label = gettext_lazy("Exercises")
    menu_order = 250
    add_to_admin_menu = True
    # English and Spanish exercises share numbers: the language column tells them apart, and Wagtail's
    # locale filter (added for translatable models) shows one language at a time.
    list_display = ["number", "title", "locale"]
    ordering = ["number", "locale__language_code"]
    search_fields = ["title"]


register_snippet(ExerciseViewSet)


@hooks.register("register_admin_urls")
def register_course_use_report():
    return [path("reports/course-use/", course_use_report, name="learning_course_use_report")]


@hooks.register("register_reports_menu_item")
def register_course_use_menu_item():
    # Between "Translation status" (650) and "Person-first language" (660).
    return PermissionMenuItem(
        gettext_lazy("Course use"),
        reverse("learning_course_use_report"),
        permission=REPORT_PERMISSION,
        name="course-use",
        icon_name="list-ol",
        order=655,
    )
