"""Deleting a large page tree needs the site name typed, whatever sends the request.

Wagtail shows a "type the site name" field when a deletion reaches
`WAGTAILADMIN_UNSAFE_PAGE_DELETION_LIMIT` pages (the page and its descendants; 10 by default), but
its check (`type_to_delete_confirmation`) only refuses a *wrong* name: a POST without the field at
all (a script, a form saved before the field appeared, a forged request from an admin's session)
deletes the whole tree. Here the field must be present and right, for one page's delete view and
for the bulk delete alike, counted the way Wagtail counts it so the field is shown exactly when it
is required. A deleted tree can be brought back from a backup: `make restore-page` (README).
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import Page

DEFAULT_LIMIT = 10  # Wagtail's own default


def needs_site_name(page_count):
    return page_count >= getattr(settings, "WAGTAILADMIN_UNSAFE_PAGE_DELETION_LIMIT", DEFAULT_LIMIT)


def site_name_typed(request):
    return request.POST.get("confirm_site_name") == getattr(settings, "WAGTAIL_SITE_NAME", "wagtail")


def refuse_without_site_name(request):
    """Back to the confirmation form (a GET of the same URL) with a message saying what is missing."""
    message = _("This deletes many pages at once: type the site name, %(site_name)s, to confirm.")
    messages.error(request, message % {"site_name": getattr(settings, "WAGTAIL_SITE_NAME", "wagtail")})
    return redirect(request.get_full_path())


def confirm_large_page_deletion(request, page):
    """`before_delete_page`: a POST deleting a large tree without the site name is sent back."""
    if request.method == "POST" and needs_site_name(page.get_descendant_count() + 1) and not site_name_typed(request):
        return refuse_without_site_name(request)
    return None


def confirm_large_bulk_deletion(request, action_type, objects, action_class_instance):
    """`before_bulk_action`: the same for several pages deleted at once (all of them counted)."""
    if action_type != "delete" or request.method != "POST":
        return None
    pages = [page for page in objects if isinstance(page, Page)]
    total = len(pages) + sum(page.get_descendant_count() for page in pages)
    if pages and needs_site_name(total) and not site_name_typed(request):
        return refuse_without_site_name(request)
    return None
