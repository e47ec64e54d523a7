from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.images.models import AbstractImage
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail.wagtail_hooks import require_wagtail_login

from .admin_access import ChoosableImagesAPIViewSet, choosable_pages, media_chooser_urls, snippet_chooser_urls
from .models import CrisisResource, SearchSynonym, SiteFooter
from .page_deletion import confirm_large_bulk_deletion, confirm_large_page_deletion
from .privacy import mark_served, view_restrictions


class CrisisResourceViewSet(SnippetViewSet):
    model = CrisisResource
    icon = "help"
    list_display = ["name", "contact", "sort_order"]
    ordering = ["sort_order", "name"]


class SiteFooterViewSet(SnippetViewSet):
    model = SiteFooter
    icon = "doc-full"


class SearchSynonymViewSet(SnippetViewSet):
    """Words families use for the same thing, per language: site search finds each with the others."""

    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    list_display = ["__str__", "language"]
    list_filter = ["language"]
    ordering = ["language", "terms"]


class SiteWideViewSetGroup(SnippetViewSetGroup):
    items = (CrisisResourceViewSet, SiteFooterViewSet, SearchSynonymViewSet)
    menu_icon = "site"
    menu_label = _("Site-wide")
    menu_name = "site-wide"


register_snippet(SiteWideViewSetGroup)


# Runs inside Wagtail's own privacy check (order 0) and before `remember_the_page_passed_privacy`.
@hooks.register("on_serve_page", order=50)
def aliases_follow_their_original(serve):
    """Wagtail lets an alias through when its original page has no restriction of its own, even if
    the original lies in a members-only section; an alias is served only to those who could read
    its original there. Pages that are no alias cost nothing more."""

    def inner(page, request, serve_args, serve_kwargs):
        if page.alias_of_id is not None:
            for restriction in view_restrictions(page):
                if not restriction.accept_request(request):
                    response = require_wagtail_login(next=request.get_full_path())
                    add_never_cache_headers(response)
                    return response
        return serve(page, request, serve_args, serve_kwargs)

    return inner


# Wagtail's own `on_serve_page` privacy check is registered at order 0 and wraps the hooks after
# it, so this runs only for a request the check let through to the page.
@hooks.register("on_serve_page", order=100)
def remember_the_page_passed_privacy(serve):
    def inner(page, request, serve_args, serve_kwargs):
        mark_served(request, page)
        return serve(page, request, serve_args, serve_kwargs)

    return inner


@hooks.register("after_bulk_action")
def refile_moved_images_renditions(request, action_type, objects, action_class_instance):
    """The images' bulk "Add to collection" moves them without saving each (cms.protected_media)."""
    if action_type == "add_to_collection" and objects and isinstance(objects[0], AbstractImage):
        for image in objects:
            image.refresh_from_db()
            image.refile_renditions()


@hooks.register("register_admin_urls", order=-1)
def register_guarded_choosers():
    """Ahead of the viewsets' own chooser URLs (registered at order 0): the first match wins."""
    return [*snippet_chooser_urls(), *media_chooser_urls()]


@hooks.register("construct_admin_api", order=100)
def answer_choosable_images(router):
    """After wagtail.images registers its endpoint under the same name (order 0)."""
    router.register_endpoint("images", ChoosableImagesAPIViewSet)


@hooks.register("construct_page_chooser_queryset")
def show_only_choosable_pages(pages, request):
    return choosable_pages(pages, request.user)


hooks.register("before_delete_page", confirm_large_page_deletion)
hooks.register("before_bulk_action", confirm_large_bulk_deletion)
