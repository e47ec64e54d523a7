"""One public address: every absolute link the site writes starts with WAGTAILADMIN_BASE_URL.

The test settings use `http://craft.test:8203`: neither the test client's host nor port 80 or
8000, so a link built from Wagtail's stock Site, from the request or from an old default fails.
Emails are checked in every test of the suite (tests/conftest.py); feeds, the sitemap, robots.txt,
the pages of every type and the data export are collected here, on the bilingual demo content.
"""

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site as DjangoSite
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site

from blog.models import BlogIndexPage, PodcastIndexPage, QAPostPage, Topic
from tests.cms.test_query_budgets import page_urls
from tests.comments.factories import add_comment
from tests.links import BASE_URL, absolute_links, off_the_public_address

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent


def feeds(language):
    blog = BlogIndexPage.objects.get(locale__language_code=language)
    topic = Topic.objects.filter(locale__language_code=language).order_by("pk").first()
    podcast = PodcastIndexPage.objects.get(locale__language_code=language)
    return [
        blog.url + blog.reverse_subpage("feed"),
        blog.url + blog.reverse_subpage("topic_feed", args=[topic.slug]),
        podcast.url + podcast.reverse_subpage("feed"),
    ]


def test_every_absolute_link_in_feeds_sitemap_pages_and_the_export_starts_with_the_public_address(demo, client):
    member = get_user_model().objects.get(username="member")
    add_comment(QAPostPage.objects.live().filter(locale__language_code="es").first(), member, "Gracias.")
    found = {}

    def read(source, text):
        links = absolute_links(text)
        assert links, f"{source} has no absolute link to check"
        found[source] = links

    for language in ("en", "es"):
        for url in feeds(language):
            response = client.get(url)
            assert response.status_code == 200, url
            read(url, response.content.decode())
        for label, url, as_member in page_urls(language):
            if as_member:
                client.force_login(member)
            else:
                client.logout()
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            read(f"{label} ({language})", html)
            if label not in {"search", "member directory", "podcast feed"}:
                canonical = BeautifulSoup(html, "html.parser").find("link", rel="canonical")
                assert canonical is not None, f"{label} ({language}) has a canonical link"

    podcast = client.get(PodcastIndexPage.objects.get(locale__language_code="es").url).content.decode()
    add_this_address = re.search(r"<code>([^<]+)</code>", podcast).group(1)
    assert add_this_address == f"{BASE_URL}/es/podcast/feed/"

    read("sitemap.xml", client.get("/sitemap.xml").content.decode())
    read("robots.txt", client.get("/robots.txt").content.decode())
    client.force_login(member)
    export = client.get(reverse("members:download_data")).content.decode()
    read("data export", export)
    assert f"{BASE_URL}/es/blog/" in export, "the comment's page is named by its public address"

    wrong = {source: off_the_public_address(links) for source, links in found.items()}
    assert {source: links for source, links in wrong.items() if links} == {}


def test_every_migrate_moves_the_default_site_to_the_configured_address(a_home_page, settings, client):
    """`make run PORT=8204` on a db.sqlite3 first served on 8203: its links follow the new port."""
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8204"
    call_command("migrate", "--no-input", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("127.0.0.1", 8204, "http://127.0.0.1:8204")
    a_home_page.refresh_from_db()
    assert a_home_page.full_url == "http://127.0.0.1:8204/"
    assert DjangoSite.objects.get_current().domain == "127.0.0.1:8204", "the Django admin's View on site"

    settings.WAGTAILADMIN_BASE_URL = "https://craft.example.org"
    call_command("migrate", "--no-input", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == "https://craft.example.org"


def test_make_run_gives_every_step_the_address_runserver_listens_on():
    result = subprocess.run(  # noqa: S603
        ["make", "--dry-run", "run", "PORT=8203"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    steps = [line for line in result.stdout.splitlines() if "manage.py" in line]
    assert [step.split("manage.py ")[1].split()[0] for step in steps] == ["migrate", "load_demo_content", "runserver"]
    for step in steps:
        assert "WAGTAILADMIN_BASE_URL=http://127.0.0.1:8203 " in step
    assert steps[-1].endswith("runserver 127.0.0.1:8203")
