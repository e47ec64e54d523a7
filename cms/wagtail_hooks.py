from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CrisisResource, SiteFooter


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
