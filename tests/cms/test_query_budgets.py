"""No page type costs more than 20 queries, counted with the caches production runs with.

The budget of issue 9, on the bilingual demo content. Each page type's count also stays the same
as its content grows: those tests sit beside the page types (learning, blog, podcasts, comments,
members, search). `make bench` counts the same pages on the large dataset.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from blog.models import BlogIndexPage, PodcastEpisodePage, PodcastIndexPage, QAPostPage, Topic
from learning.models import LearningIndexPage, ModulePage, SegmentPage

pytestmark = pytest.mark.django_db

BUDGET = 20


def page_urls(language):
    """(label, url, as member) for every page type in one language."""
    learning = LearningIndexPage.objects.get(locale__language_code=language)
    module = ModulePage.objects.child_of(learning).live().order_by("number").first()
    segment = SegmentPage.objects.child_of(module).live().order_by("number").first()
    blog = BlogIndexPage.objects.get(locale__language_code=language)
    topic = Topic.objects.filter(locale__language_code=language).order_by("pk").first()
    post = QAPostPage.objects.live().filter(locale__language_code=language).order_by("-date").first()
    podcast = PodcastIndexPage.objects.get(locale__language_code=language)
    episode = PodcastEpisodePage.objects.live().child_of(podcast).order_by("-release_date").first()
    prefix = "" if language == "en" else f"/{language}"
    with translation.override(language):
        members_url, search_url = reverse("members:directory"), reverse("search")
    return [
        ("home", f"{prefix}/", False),
        ("learning index", learning.url, True),
        ("module", module.url, True),
        ("segment", segment.url, True),
        ("blog index", blog.url, False),
        ("topic archive", blog.url + blog.reverse_subpage("topic", args=[topic.slug]), False),
        ("Q&A post", post.url, False),
        ("Q&A post, member", post.url, True),
        ("podcast index", podcast.url, False),
        ("episode", episode.url, False),
        ("podcast feed", podcast.url + podcast.reverse_subpage("feed"), False),
        ("member directory", members_url, True),
        ("search", f"{search_url}?q=family", False),
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_page_type_costs_more_than_20_queries(demo, production_caching, client, language):
    from django.contrib.auth import get_user_model

    member = get_user_model().objects.get(username="member")
    counts = {}
    for label, url, as_member in page_urls(language):
        if as_member:
            client.force_login(member)
        else:
            client.logout()
        assert client.get(url).status_code == 200, url  # a first visitor caches the page chrome
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[label] = len(queries)
    assert {label: count for label, count in counts.items() if count > BUDGET} == {}, counts
