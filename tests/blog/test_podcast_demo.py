import io

import feedparser
import pytest
from django.core.management.base import OutputWrapper

from blog import demo as blog_demo
from blog.models import Guest, PodcastEpisodePage, PodcastIndexPage
from cms import demo as cms_demo
from cms.models import SiteMedia
from home import demo as home_demo
from tests.links import BASE_URL

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class DemoCommand:
    demo_password = "a-demo-password-for-tests"
    stdout = OutputWrapper(io.StringIO())


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def load_demo():
    for loader in (cms_demo.load, home_demo.load, blog_demo.load):
        loader(DemoCommand())


def counts():
    return (
        PodcastEpisodePage.objects.count(),
        PodcastIndexPage.objects.count(),
        Guest.objects.count(),
        SiteMedia.objects.count(),
    )


def test_the_demo_podcast_is_bilingual_playable_and_loads_twice_without_change(client):
    load_demo()
    first = counts()
    load_demo()

    assert counts() == first == (6, 2, 6, 6)
    english_feed = feedparser.parse(client.get("/podcast/feed/").content)
    spanish_feed = feedparser.parse(client.get("/es/podcast/feed/").content)
    assert len(english_feed.entries) == len(spanish_feed.entries) == 3
    assert spanish_feed.entries[0].title == "Invitar a un ser querido a tratarse"
    # Each Spanish episode carries its own Spanish-language recording.
    english_audio = {entry.enclosures[0].href for entry in english_feed.entries}
    spanish_audio = {entry.enclosures[0].href for entry in spanish_feed.entries}
    assert len(english_audio) == len(spanish_audio) == 3
    assert not english_audio & spanish_audio
    for entry in english_feed.entries + spanish_feed.entries:
        audio_path = entry.enclosures[0].href.removeprefix(BASE_URL)
        assert client.get(audio_path, HTTP_RANGE="bytes=0-99").status_code == 206

    for page in PodcastEpisodePage.objects.live():
        html = client.get(page.url).content.decode()
        assert "<audio" in html and "podcast-transcript" in html, page.url
    home = client.get("/es/").content.decode()
    assert 'href="/es/podcast/"' in home, "the podcast is in the Spanish menu and on the home page"
