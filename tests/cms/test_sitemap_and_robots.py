import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from tests.links import BASE_URL

pytestmark = pytest.mark.django_db


def test_sitemap_lists_public_pages_of_both_languages_and_no_private_page(a_spanish_home_page, translate, client):
    english_home = a_spanish_home_page.get_translation(a_spanish_home_page.get_translations().first().locale)
    public = english_home.add_child(instance=StandardPage(title="About", slug="about"))
    public.save_revision().publish()
    translate(public, {"About": "Acerca de", "about": "acerca-de"})
    private = english_home.add_child(instance=StandardPage(title="For members", slug="for-members"))
    restriction = PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name="Members")[0])

    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/", "/about/", "/es/", "/es/acerca-de/"):
        assert f"<loc>{BASE_URL}{path}</loc>" in xml
    assert "for-members" not in xml


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_private_areas(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    text = response.content.decode()
    assert f"Sitemap: {BASE_URL}/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /members/" in text
