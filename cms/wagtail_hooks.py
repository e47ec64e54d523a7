from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.images.models import AbstractImage
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CrisisResource, SiteFooter
from .privacy import mark_served


class CrisisResourceViewSet(SnippetViewSet):
    model = CrisisResource
    icon = "help"
    list_display = ["name", "contact", "sort_order"]
    ordering = ["sort_order", "name"]


class SiteFooterViewSet(SnippetViewSet):
    model = SiteFooter
    icon = "doc-full"


class SiteWideViewSetGroup(SnippetViewSetGroup):
    items = (CrisisResourceViewSet, SiteFooterViewSet)
    menu_icon = "site"
    menu_label = _("Site-wide")
    menu_name = "site-wide"


register_snippet(SiteWideViewSetGroup)


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
