"""cms.routing: a one-child-type page routes to its children in one query, and to nothing else."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import QAPostPage
from home.models import StandardPage
from tests.blog.factories import make_blog, make_image, make_post

pytestmark = pytest.mark.django_db


def route(page, request, *components):
    with CaptureQueriesContext(connection) as queries:
        result = page.route(request, list(components))
    return result, len(queries)


def test_a_post_is_loaded_as_a_post_with_its_image_in_one_query(a_home_page, rf):
    blog = make_blog(a_home_page)
    post = make_post(blog, 1, image=make_image())
    (found, args, kwargs), count = route(blog, rf.get(post.url), post.slug)
    assert count == 1
    assert type(found) is QAPostPage and found.pk == post.pk
    with CaptureQueriesContext(connection) as more:
        assert found.featured_image.title == "A quiet kitchen table"
        assert found.get_parent().pk == blog.pk
    assert len(more) == 0


def test_a_child_of_another_type_a_draft_and_a_missing_slug_are_answered_as_before(a_home_page, client):
    blog = make_blog(a_home_page)
    # Made before the blog's subpage rule, say: Wagtail's own routing still serves it.
    older = blog.add_child(instance=StandardPage(title="House rules", slug="house-rules", intro="Be kind."))
    older.save_revision().publish()
    draft = make_post(blog, 2)
    draft.unpublish()
    assert "Be kind." in client.get("/blog/house-rules/").content.decode()
    assert client.get(draft.url or "/blog/start-talking-2/").status_code == 404
    assert client.get("/blog/no-such-post/").status_code == 404
    assert client.get("/blog/topic/no-such-topic/").status_code == 404
