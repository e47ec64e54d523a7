"""Where a URL leads is kept while the content stays the same (cms.page_routes): fewer queries a
view, and every publication, move, deletion or privacy change is followed at once."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms import page_routes
from home.models import HomePage, StandardPage
from tests.members.factories import MemberFactory, logged_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("a_shared_cache")]

# Not cached whole for these tests: only the route is under test (a session cookie skips the page cache).
VISITOR = {"HTTP_COOKIE": "sessionid=a-visitor-without-a-session"}


@pytest.fixture
def an_about_page(a_home_page):
    page = a_home_page.add_child(instance=StandardPage(title="About us", slug="about", intro="We listen."))
    page.save_revision().publish()
    return page


@pytest.fixture
def routes_found(monkeypatch):
    found = []
    route_target = page_routes._route_target

    def counted(request, site, components):
        found.append("/".join(components))
        return route_target(request, site, components)

    monkeypatch.setattr(page_routes, "_route_target", counted)
    return found


def test_a_path_is_routed_once_and_the_next_view_costs_fewer_queries(an_about_page, client, routes_found):
    with CaptureQueriesContext(connection) as first:
        assert "We listen." in client.get("/about/", **VISITOR).content.decode()
    with CaptureQueriesContext(connection) as second:
        assert "We listen." in client.get("/about/", **VISITOR).content.decode()
    assert routes_found == ["about"]
    assert len(second) < len(first)


def test_unpublishing_moving_and_a_new_page_at_the_path_are_followed_at_once(an_about_page, client):
    assert client.get("/about/", **VISITOR).status_code == 200
    an_about_page.unpublish()
    assert client.get("/about/", **VISITOR).status_code == 404

    home = HomePage.objects.get(pk=an_about_page.get_parent().pk)
    other = home.add_child(instance=StandardPage(title="About the team", slug="team", intro="A new page."))
    other.save_revision().publish()
    assert "A new page." in client.get("/team/", **VISITOR).content.decode()
    parent = home.add_child(instance=StandardPage(title="Who we are", slug="who"))
    parent.save_revision().publish()
    other.move(parent, pos="last-child")
    moved = client.get("/team/", **VISITOR)  # Wagtail's redirect from the old path, not the kept route
    assert moved.status_code == 301 and moved.url == "/who/team/"
    assert "A new page." in client.get("/who/team/", **VISITOR).content.decode()


def test_a_page_made_private_is_private_at_once_on_a_kept_route(an_about_page, client):
    assert client.get("/about/", **VISITOR).status_code == 200
    restriction = PageViewRestriction.objects.create(page=an_about_page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name="Members")[0])
    assert client.get("/about/", **VISITOR).status_code == 302
    assert logged_in(MemberFactory()).get("/about/").status_code == 200

    restriction.delete()
    assert client.get("/about/", **VISITOR).status_code == 200


def test_paths_that_lead_nowhere_are_not_kept(an_about_page, client, routes_found):
    for _ in range(2):
        assert client.get("/made-up/", **VISITOR).status_code == 404
    assert routes_found == ["made-up", "made-up"]
