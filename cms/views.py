from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .public_url import absolute

# The same areas at their Spanish paths (the English-worded /es/ paths only redirect there now).
TRANSLATED_DISALLOWED_AREAS = (_("accounts/"), _("members/"), _("search/"))


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    """Keep crawlers out of the admin, accounts and members' areas; point them at the sitemap."""
    with translation.override("es"):
        spanish_disallows = [f"Disallow: /es/{area}" for area in TRANSLATED_DISALLOWED_AREAS]
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /accounts/",
        "Disallow: /es/accounts/",
        "Disallow: /members/",
        "Disallow: /es/members/",
        "Disallow: /search/",
        "Disallow: /es/search/",
        *spanish_disallows,
        f"Sitemap: {absolute(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
