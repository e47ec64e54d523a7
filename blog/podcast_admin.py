"""The podcast's guests in the Wagtail admin (registered from blog.wagtail_hooks)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Guest


class GuestViewSet(SnippetViewSet):
    model = Guest
    icon = "user"
    menu_label = _("Podcast guests")
    menu_name = "podcast-guests"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "role"]
    ordering = ["name"]
