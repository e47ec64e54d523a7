"""The Discussion Blog's index in both languages: its sidebar, its archives and its topic feeds."""

import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from home.models import HomePage
from tests.links import BASE_URL

from .factories import BLOG_SPANISH, make_blog, make_post, make_topic, post_spanish

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def sidebar_section(soup, heading):
    sidebar = soup.select_one(".blog-layout__sidebar")
    for section in sidebar.select("section"):
        if section.h2.text == heading:
            return section
    raise AssertionError(f"No sidebar section {heading!r}")


def links(section):
    return [(a.text, a["href"]) for a in section.select("a")]


@pytest.fixture
def a_bilingual_blog(a_spanish_home_page, english, translate):
    """Three posts in two months, the first two translated, and one topic in both languages."""
    blog = make_blog(HomePage.objects.get(locale=english))
    spanish_blog = translate(blog, BLOG_SPANISH)
    partners = make_topic(english, description="When the person is your partner.")
    spanish_partners = translate(
        partners,
        {"Partners": "Parejas", "partners": "parejas", "When the person is your partner.": "Cuando es su pareja."},
    )
    posts = [
        make_post(blog, 1, topics=[partners], date=datetime.date(2025, 1, 10)),
        make_post(blog, 2, topics=[partners], date=datetime.date(2025, 2, 3)),
        make_post(blog, 3, date=datetime.date(2025, 2, 20)),
    ]
    for number in (1, 2):
        translate(posts[number - 1], post_spanish(number))
    return blog, spanish_blog, partners, spanish_partners


def test_the_sidebar_lists_topics_recent_posts_and_months(a_home_page, client, english):
    blog = make_blog(a_home_page)
    partners = make_topic(english)
    make_topic(english, "Relapse", "relapse")
    for number in range(1, 8):
        make_post(blog, number, topics=[partners], date=datetime.date(2025, 1 + number // 3, 1 + number))
    hidden = make_post(blog, 8, date=datetime.date(2025, 9, 1))
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)

    soup = soup_of(client, "/blog/")

    assert links(sidebar_section(soup, "Topics")) == [
        ("Partners", "/blog/topic/partners/"),
        ("Relapse", "/blog/topic/relapse/"),
    ]
    recent = links(sidebar_section(soup, "Recent posts"))
    assert [title for title, _url in recent] == [
        f"How do I start talking about treatment {number}" for number in (7, 6, 5, 4, 3)
    ]
    assert recent[0][1] == "/blog/start-talking-7/"
    assert links(sidebar_section(soup, "By month")) == [
        ("March 2025", "/blog/2025/03/"),
        ("February 2025", "/blog/2025/02/"),
        ("January 2025", "/blog/2025/01/"),
    ]
    # On an archive, the sidebar marks where the reader is.
    archive = soup_of(client, "/blog/2025/02/")
    assert archive.select_one('.blog-layout__sidebar a[aria-current="page"]').text == "February 2025"
    topic = soup_of(client, "/blog/topic/relapse/")
    assert topic.select_one('.blog-layout__sidebar a[aria-current="page"]').text == "Relapse"


def test_the_spanish_sidebar_shows_only_spanish_topics_posts_and_months(a_bilingual_blog, client):
    soup = soup_of(client, "/es/blog/")

    assert links(sidebar_section(soup, "Temas")) == [("Parejas", "/es/blog/temas/parejas/")]
    assert [title for title, _url in links(sidebar_section(soup, "Entradas recientes"))] == [
        "Cómo empiezo a hablar de tratamiento 2",
        "Cómo empiezo a hablar de tratamiento 1",
    ]
    assert links(sidebar_section(soup, "Por mes")) == [
        ("febrero de 2025", "/es/blog/2025/02/"),
        ("enero de 2025", "/es/blog/2025/01/"),
    ]


def test_the_month_archive_works_in_spanish(a_bilingual_blog, client):
    soup = soup_of(client, "/es/blog/2025/02/")

    assert soup.h1.text == "Entradas de febrero de 2025"
    assert [a.text for a in soup.select(".post-card__title a")] == ["Cómo empiezo a hablar de tratamiento 2"]
    assert soup.find("link", rel="canonical")["href"] == f"{BASE_URL}/es/blog/2025/02/"
    assert soup.find("link", type="application/rss+xml")["href"] == "/es/blog/feed/"
    assert soup_of(client, "/es/blog/2025/03/").select(".post-card") == []
    assert client.get("/es/blog/2025/00/").status_code == 404


def test_the_spanish_topic_archive_and_its_feed(a_bilingual_blog, client):
    soup = soup_of(client, "/es/blog/temas/parejas/")
    assert soup.h1.text == "Entradas sobre Parejas"
    assert soup.select_one(".blog-header .lead").text == "Cuando es su pareja."
    feed_link = soup.find("link", type="application/rss+xml")["href"]
    assert feed_link == "/es/blog/temas/parejas/feed/"

    response = client.get(feed_link)
    feed = feedparser.parse(response.content)

    assert response.status_code == 200 and not feed.bozo
    assert feed.feed.title == "Blog de preguntas y respuestas: Parejas"
    assert feed.feed.language == "es"
    assert feed.feed.link == f"{BASE_URL}/es/blog/temas/parejas/"
    assert feed.feed.description == "Cuando es su pareja."
    assert [entry.title for entry in feed.entries] == [
        "Cómo empiezo a hablar de tratamiento 2",
        "Cómo empiezo a hablar de tratamiento 1",
    ]
    assert feed.entries[0].link == f"{BASE_URL}/es/blog/empezar-a-hablar-2/"
    assert [tag.term for tag in feed.entries[0].tags] == ["Parejas"]
    # The English slug is not a Spanish topic.
    assert client.get("/es/blog/temas/partners/feed/").status_code == 404
