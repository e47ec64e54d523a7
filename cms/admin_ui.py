"""Admin pieces several apps build their screens from: a menu item for one permission, and the
dashboard panel of counts by status (comment moderation, Spanish translations)."""

from django.urls import reverse
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component


class PermissionMenuItem(MenuItem):
    """A menu item shown only to those who hold `permission` (its page refuses everyone else anyway)."""

    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


def status_links(counts, choices, listing_url):
    """One entry a status: its label, how many, and the listing filtered by it (`?status=`)."""
    return [
        {"value": value, "label": label, "count": counts[value], "url": f"{listing_url}?status={value}"}
        for value, label in choices
    ]


class StatusCountsPanel(Component):
    """A dashboard panel counting the work in each status, each count a link to that status's listing.

    A subclass names the panel (`name`, `panel_id`, `heading`), the statuses (`choices`) and how to count
    them (`counts()`), and the listing (`listing_url_name`) with the words of the link to it (`link_text`).
    """

    template_name = "cms/admin/status_counts_panel.html"
    panel_id = heading = link_text = listing_url_name = None
    choices = ()

    def counts(self):
        raise NotImplementedError

    def get_context_data(self, parent_context):
        listing_url = reverse(self.listing_url_name)
        return {
            "panel": self,
            "statuses": status_links(self.counts(), self.choices, listing_url),
            "listing_url": listing_url,
        }
