import feedparser
import pytest
from wagtail.models import PageViewRestriction

from home.models import HomePage
from tests.links import BASE_URL

from .factories import BLOG_SPANISH, make_blog, make_post, make_topic, post_spanish

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


def assert_complete(feed):
    for required in ("title", "link", "description", "language"):
        assert feed.feed.get(required), required
    for entry in feed.entries:
        for required in ("title", "link", "description", "id", "published_parsed"):
            assert entry.get(required), required


def test_the_english_feed_lists_public_posts_newest_first_with_absolute_links(a_home_page, client, english):
    blog = make_blog(a_home_page)
    topic = make_topic(english)
    make_post(blog, 1, topics=[topic])
    make_post(blog, 2)
    private = make_post(blog, 3)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    feed = parse(client, "/blog/feed/")
    assert_complete(feed)
    assert feed.feed.title == "Discussion Blog"
    assert feed.feed.language == "en"
    assert [entry.title for entry in feed.entries] == [
        "How do I start talking about treatment 2",
        "How do I start talking about treatment 1",
    ]
    assert feed.entries[1].link == f"{BASE_URL}/blog/start-talking-1/"
    assert [tag.term for tag in feed.entries[1].tags] == ["Partners"]


def test_a_topic_feed_lists_only_that_topic(a_home_page, client, english):
    blog = make_blog(a_home_page)
    make_post(blog, 1, topics=[make_topic(english)])
    make_post(blog, 2, topics=[make_topic(english, "Relapse", "relapse")])
    feed = parse(client, "/blog/topic/relapse/feed/")
    assert_complete(feed)
    assert feed.feed.title == "Discussion Blog: Relapse"
    assert feed.feed.link == f"{BASE_URL}/blog/topic/relapse/"
    assert [entry.title for entry in feed.entries] == ["How do I start talking about treatment 2"]
    assert client.get("/blog/topic/nothing/feed/").status_code == 404


def test_the_spanish_feed_lists_the_spanish_posts(a_spanish_home_page, translate, english, client):
    blog = make_blog(HomePage.objects.get(locale=english))
    translate(blog, BLOG_SPANISH)
    post = make_post(blog, 1)
    make_post(blog, 2)  # not translated: not in the Spanish feed
    translate(post, post_spanish(1))
    feed = parse(client, "/es/blog/feed/")
    assert_complete(feed)
    assert feed.feed.title == "Blog de preguntas y respuestas"
    assert feed.feed.language == "es"
    assert [entry.title for entry in feed.entries] == ["Cómo empiezo a hablar de tratamiento 1"]
    assert feed.entries[0].link == f"{BASE_URL}/es/blog/empezar-a-hablar-1/"
    english_feed = parse(client, "/blog/feed/")
    assert feed.entries[0].id != english_feed.entries[-1].id
