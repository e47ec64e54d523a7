import feedparser
import pytest

from blog.models import Guest, PodcastEpisodePage, PodcastIndexPage
from cms.models import SiteMedia
from tests.cms.test_demo_content import load_demo_content
from tests.links import BASE_URL

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def load_demo(capture_on_commit):
    load_demo_content(capture_on_commit, "site", "home", "blog", "podcast")


def counts():
    return (
        PodcastEpisodePage.objects.count(),
        PodcastIndexPage.objects.count(),
        Guest.objects.count(),
        SiteMedia.objects.count(),
    )


def test_the_demo_podcast_is_bilingual_playable_and_loads_twice_without_change(
    client, django_capture_on_commit_callbacks
):
    load_demo(django_capture_on_commit_callbacks)
    first = counts()
    load_demo(django_capture_on_commit_callbacks)

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
