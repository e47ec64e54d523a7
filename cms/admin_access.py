"""Admin choosers answer only what the user's permissions would show them elsewhere.

Wagtail guards its listings but not its choosers: any account with admin access could open the
snippet chooser of a model it may not list (`/admin/snippets/choose/<app>/<model>/`, its results
and `chosen/<pk>/`), and the page chooser lists every page of the tree, drafts included. On this
site a translator would read the members' questions, and the titles of English drafts, there.

- A snippet chooser opens for those who may list the model: the rule of Wagtail's own snippet
  index (any of add, change, delete, view, through the model's registered permission policy).
- The page chooser shows published pages, and the pages the user holds a page permission on (the
  pages Wagtail's explorer would show them); a draft they may not edit is not there, nor its title.
- The admin API's images (`/admin/api/main/images/`, which wagtail-localize's translation editor
  reads to show an image it may override) are the images the user may choose, private collections
  included, as the image chooser lists them. Wagtail's own endpoint follows collection privacy
  alone, so it answered 404 for a module's members-only picture and the editor stayed blank.
- wagtailmedia's chooser lists only the media the user may choose (the "choose" permission on
  collections) but its "chosen" view answered any id: it now answers the same set, as Wagtail's
  image and document choosers already do.
"""

from functools import cache

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView, ChosenMultipleView
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtailmedia.models import get_media_model
from wagtailmedia.views.chooser import media_chosen

LISTING_ACTIONS = {"add", "change", "delete", "view"}
PAGE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}


def may_list_snippets(user, model):
    return policy_registry.get_by_type(model).user_has_any_permission(user, LISTING_ACTIONS)


def choosable_pages(pages, user):
    """The `pages` a chooser may show `user`: every page to a superuser; otherwise the published
    ones and those under a page permission the user holds."""
    if user.is_superuser:
        return pages
    permitted = policy_registry.get_by_type(Page).instances_user_has_any_permission_for(user, PAGE_ACTIONS)
    return pages.filter(Q(live=True) | Q(pk__in=permitted.values("pk")))


# --- Snippet choosers -------------------------------------------------------------------------


@cache
def _chooser_views(model):
    """The model's own chooser views, built once (Wagtail builds a new viewset on each access)."""
    viewset = model.snippet_viewset.chooser_viewset
    return {
        "choose": viewset.choose_view,
        "choose_results": viewset.choose_results_view,
        "chosen": viewset.chosen_view,
        "chosen_multiple": viewset.chosen_multiple_view,
        "create": viewset.create_view,
    }


def _guarded_snippet_chooser(view_name):
    def view(request, app_label, model_name, **kwargs):
        model = get_snippet_model_from_url_params(app_label, model_name)
        if not may_list_snippets(request.user, model):
            raise PermissionDenied
        return _chooser_views(model)[view_name](request, **kwargs)

    return view


def snippet_chooser_urls():
    """Mounted on Wagtail's own chooser paths, ahead of them (cms.wagtail_hooks)."""
    base = "snippets/choose/<slug:app_label>/<slug:model_name>/"
    return [
        path(base, _guarded_snippet_chooser("choose")),
        path(f"{base}results/", _guarded_snippet_chooser("choose_results")),
        path(f"{base}chosen/<str:pk>/", _guarded_snippet_chooser("chosen")),
        path(f"{base}chosen-multiple/", _guarded_snippet_chooser("chosen_multiple")),
        path(f"{base}create/", _guarded_snippet_chooser("create")),
    ]


# --- Media chooser ----------------------------------------------------------------------------
# Wagtail's image and document "chosen" views check the "choose" permission; wagtailmedia's does not.


def _media_chosen(request, media_id):
    choosable = policy_registry.get_by_type(get_media_model()).instances_user_has_any_permission_for(
        request.user, ["choose"]
    )
    if not choosable.filter(pk=media_id).exists():
        raise Http404
    return media_chosen(request, media_id)


def media_chooser_urls():
    """Mounted ahead of wagtailmedia's own (cms.wagtail_hooks)."""
    return [path("media/chooser/<int:media_id>/", _media_chosen)]


# --- Page chooser -------------------------------------------------------------------------------
# The list and search views filter through the `construct_page_chooser_queryset` hook; these two
# read pages by id without it, so they are mounted ahead of Wagtail's admin URLs (cms.urls).


class GuardedPageBrowseView(BrowseView):
    """The chooser's view of one page's children: the page itself must be one the user may choose."""

    def get(self, request, parent_page_id=None):
        parent = get_object_or_404(Page, id=parent_page_id)
        if not parent.is_root() and not choosable_pages(Page.objects.filter(pk=parent.pk), request.user).exists():
            raise Http404
        return super().get(request, parent_page_id)


class GuardedPageChosenMultipleView(ChosenMultipleView):
    def get(self, request):
        ids = [value for value in request.GET.getlist("id") if value.isdigit()]
        pages = choosable_pages(Page.objects.filter(pk__in=ids), request.user)
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in pages.values_list("pk", flat=True)])
        return super().get(request)


page_chooser_urls = [
    path(
        "admin/choose-page/<int:parent_page_id>/",
        require_admin_access(GuardedPageBrowseView.as_view()),
    ),
    path(
        "admin/choose-page/chosen-multiple/",
        require_admin_access(GuardedPageChosenMultipleView.as_view()),
    ),
]


class ChoosableImagesAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        policy = policy_registry.get_by_type(get_image_model())
        choosable = policy.instances_user_has_any_permission_for(self.request.user, ["choose"])
        return choosable.order_by("id")
