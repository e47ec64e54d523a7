"""An alias follows its original's privacy everywhere: search, sitemap, feeds' listings, serving.

Wagtail asks an alias for its original page's own restrictions only; an alias of a page inside a
members-only section, placed under a public one, was found by anonymous search and served.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from cms.membership import MEMBERS_GROUP
from cms.privacy import public, view_restrictions
from home.models import StandardPage
from tests.learning.factories import build_course

# Privacy is checked with nothing kept and with the shared cache (tests/conftest.py each_cache).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache")]

PRIVATE_TITLE = "Relapse stories from our families"


def add_page(parent, title, slug):
    page = parent.add_child(instance=StandardPage(title=title, slug=slug, intro=f"About {title.lower()}."))
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def members_only(page):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name=MEMBERS_GROUP)[0])


@pytest.fixture
def an_alias_of_a_private_page(a_home_page):
    """home / members-corner (members only) / relapse-stories, and home / resources / its alias."""
    corner = add_page(a_home_page, "Members' corner", "members-corner")
    members_only(corner)
    private = add_page(corner, PRIVATE_TITLE, "relapse-stories")
    resources = add_page(a_home_page, "Resources", "resources")
    return private.create_alias(parent=resources, update_slug="shared-stories")


@pytest.fixture
def signed_in(make_user):
    def sign_in(client, *groups):
        client.force_login(make_user("member" if groups else "not_a_member", *groups))
        return client

    return sign_in


def test_anonymous_search_does_not_find_the_alias_of_a_members_only_page(an_alias_of_a_private_page, client):
    response = client.get("/search/", {"q": "relapse"})
    assert [page.title for page in response.context["results"]] == []


def test_a_signed_in_non_member_does_not_find_it_either_but_a_member_does(
    an_alias_of_a_private_page, client, signed_in
):
    assert list(signed_in(client).get("/search/", {"q": "relapse"}).context["results"]) == []
    client.logout()
    found = signed_in(client, MEMBERS_GROUP).get("/search/", {"q": "relapse"}).context["results"]
    assert {page.pk for page in found} >= {an_alias_of_a_private_page.pk}


def test_the_sitemap_and_public_listings_leave_the_alias_out(an_alias_of_a_private_page, client):
    assert "/resources/shared-stories/" not in client.get("/sitemap.xml").content.decode()
    assert not public(Page.objects.filter(pk=an_alias_of_a_private_page.pk)).exists()
    # Listings, feeds and comment routes ask `view_restrictions`/`public`: the alias is members-only.
    assert [r.restriction_type for r in view_restrictions(an_alias_of_a_private_page)] == ["groups"]


def test_the_alias_is_served_only_to_members(an_alias_of_a_private_page, client, signed_in):
    url = "/resources/shared-stories/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    non_member = signed_in(client).get(url)
    assert non_member.status_code == 302 and "login" in non_member["Location"]
    assert PRIVATE_TITLE not in non_member.content.decode()
    client.logout()
    member = signed_in(client, MEMBERS_GROUP).get(url)
    assert member.status_code == 200 and PRIVATE_TITLE in member.content.decode()


def test_an_alias_of_a_course_segment_outside_the_course_never_answers_a_server_error(a_home_page, client, signed_in):
    course = build_course(a_home_page, modules=1, segments=1)
    segment = Page.objects.descendant_of(course).filter(depth=course.depth + 2).get().specific
    resources = add_page(a_home_page, "Resources", "resources")
    alias = segment.create_alias(parent=resources, update_slug="a-lesson")
    url = alias.get_url()
    found = client.get("/search/", {"q": "segment"}).context["results"]
    assert alias.pk not in {page.pk for page in found}
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    non_member = signed_in(client).get(url)
    assert non_member.status_code == 302
    assert non_member["Location"] == course.get_url(), "to the course overview, as for the course itself"
    client.logout()
    assert signed_in(client, MEMBERS_GROUP).get(url).status_code == 200
