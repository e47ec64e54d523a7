from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_access import choosable_pages, snippet_chooser_urls
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


@hooks.register("register_admin_urls", order=-1)
def register_guarded_snippet_choosers():
    """Ahead of the snippet viewsets' own chooser URLs (registered at order 0): first match wins."""
    return snippet_chooser_urls()


@hooks.register("construct_page_chooser_queryset")
def show_only_choosable_pages(pages, request):
    return choosable_pages(pages, request.user)
