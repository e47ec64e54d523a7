"""`cms.privacy`: Wagtail's page privacy in fewer queries, with the same answers as Wagtail's."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks
from wagtail.models import PageViewRestriction

from cms.privacy import passed_serving_check, view_restrictions
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def add_page(parent, slug):
    page = parent.add_child(instance=StandardPage(title=slug.title(), slug=slug, intro=f"The {slug} page."))
    page.save_revision().publish()
    return page


@pytest.fixture
def a_tree(a_home_page):
    """home / open / private (login) / inside, and home / groups (Staff) / alias of "inside"."""
    open_page = add_page(a_home_page, "open")
    private = add_page(open_page, "private")
    inside = add_page(private, "inside")
    staff_only = add_page(a_home_page, "staff-only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    restriction = PageViewRestriction.objects.create(page=staff_only, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name="Staff")[0])
    alias = inside.create_alias(parent=staff_only, update_slug="inside-alias")
    beneath_alias_parent = private.create_alias(parent=a_home_page, update_slug="private-alias")
    return {
        "home": a_home_page,
        "open": open_page,
        "private": private,
        "inside": inside,
        "staff_only": staff_only,
        "alias": alias,
        "private_alias": beneath_alias_parent,
    }


def test_view_restrictions_are_the_ones_wagtail_finds_and_an_alias_keeps_its_originals_section(a_tree):
    for name, page in a_tree.items():
        ours = {restriction.pk for restriction in view_restrictions(page)}
        wagtails = {restriction.pk for restriction in page.get_view_restrictions()}
        assert ours >= wagtails, name
    types = {name: sorted(r.restriction_type for r in view_restrictions(page)) for name, page in a_tree.items()}
    assert types == {
        "home": [],
        "open": [],
        "private": ["login"],
        "inside": ["login"],
        "staff_only": ["groups"],
        # An alias answers with its own ancestors' restrictions, and with its original's and those
        # of the original's ancestors: "inside" lies in the login-only "private" section. (Wagtail
        # itself asks the original page alone, and would call this alias "groups" only.)
        "alias": ["groups", "login"],
        "private_alias": ["login"],
    }


def test_view_restrictions_cost_one_query_and_one_for_their_groups(a_tree):
    with CaptureQueriesContext(connection) as public:
        assert list(view_restrictions(a_tree["open"])) == []
    with CaptureQueriesContext(connection) as restricted:
        groups = [set(r.groups.all()) for r in view_restrictions(a_tree["alias"])]
    assert len(public) == 1
    assert len(restricted) == 2 and {group.name for found in groups for group in found} == {"Staff"}


class Recorder:
    def __init__(self):
        self.seen = []

    def hook(self, serve):
        def inner(page, request, serve_args, serve_kwargs):
            self.seen.append(passed_serving_check(request, page))
            return serve(page, request, serve_args, serve_kwargs)

        return inner


def test_only_a_page_that_passed_wagtails_privacy_check_is_marked_as_served(a_tree, client, make_user):
    recorder = Recorder()
    # Registered after ours (order 100): it sees what the page's own template would see.
    with hooks.register_temporarily("on_serve_page", recorder.hook, order=200):
        assert client.get("/open/").status_code == 200
        assert client.get("/open/private/").status_code == 302  # Wagtail's check sent the visitor to log in
        client.force_login(make_user("pat", "Members"))
        assert client.get("/open/private/").status_code == 200
        assert client.get("/staff-only/").status_code == 302  # not in Staff
    assert recorder.seen == [True, True]


def test_no_request_and_another_page_are_never_taken_as_served(a_tree, rf):
    request = rf.get("/open/")
    request.user = AnonymousUser()
    assert not passed_serving_check(None, a_tree["open"])
    assert not passed_serving_check(request, a_tree["open"])


def test_public_keeps_the_pages_wagtails_public_keeps_in_the_same_query(a_tree):
    from wagtail.models import Page

    from cms.privacy import alias_on_line, public, restriction_on_line

    ours = public(Page.objects.all())
    assert sorted(ours.values_list("pk", flat=True)) == sorted(Page.objects.public().values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        list(ours)
    assert len(queries) == 1

    pages = Page.objects.filter(depth__gt=2).annotate(restricted=restriction_on_line(), under_alias=alias_on_line())
    flags = {page.slug: (page.restricted, page.under_alias) for page in pages}
    assert flags == {
        "open": (False, False),
        "private": (True, False),
        "inside": (True, False),
        "staff-only": (True, False),
        "inside-alias": (True, True),
        "private-alias": (True, True),  # Wagtail copies the source's restriction onto a new alias
    }
