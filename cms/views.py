from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .public_url import absolute


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    """Keep crawlers out of the admin, accounts and members' areas; point them at the sitemap."""
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
        f"Sitemap: {absolute(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
