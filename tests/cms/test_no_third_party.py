"""No request ever leaves for a third party: every asset a page loads is served by us."""

import re
from urllib.parse import urlsplit

import pytest
from wagtail.models import Site

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

# Attributes that make a browser fetch something by itself (a plain link is the visitor's choice).
FETCHING = re.compile(
    r"<(?:script|img|iframe|audio|video|source|link|embed|object)\b[^>]*?\s(?:src|href|data|srcset)=\"([^\"]+)\""
)


def fetched_urls(html):
    return FETCHING.findall(html)


def is_ours(url):
    """Relative URLs, and absolute ones on the site's own host (canonical and hreflang links)."""
    host = urlsplit(url).hostname
    return host is None or host in {"testserver", *Site.objects.values_list("hostname", flat=True)}


@pytest.mark.parametrize("path", ["/", "/es/", "/about/", "/accounts/login/", "/es/cuentas/signup/", "/search/?q=x"])
def test_pages_load_nothing_from_another_origin(a_spanish_home_page, client, path):
    home = HomePage.objects.get(locale__language_code="en")
    home.add_child(instance=StandardPage(title="About", slug="about", intro="Who we are")).save_revision().publish()
    html = client.get(path, follow=True).content.decode()
    outside = [url for url in fetched_urls(html) if not is_ours(url)]
    assert outside == []
    assert "gravatar" not in html.lower()


def test_the_admin_shows_no_gravatar_for_staff(client, an_editor):
    client.force_login(an_editor)
    assert "gravatar" not in client.get("/admin/").content.decode().lower()
