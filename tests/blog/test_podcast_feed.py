import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from django.db import transaction
from django.utils.http import http_date

from home.models import HomePage
from tests.links import BASE_URL

from .factories import INDEX_SPANISH, episode_spanish, make_audio, make_episode, make_guest, make_podcast

# Once building everything afresh, once with the shared cache production has: the feed keeps its
# validators under the page cache's generation, and a removed episode must still move them.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache")]

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
EPISODE_SPANISH = episode_spanish(2)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def a_bilingual_podcast(a_spanish_home_page, english, translate):
    """Two English episodes; only the second has a Spanish version."""
    podcast = make_podcast(HomePage.objects.get(locale=english), category="Kids & Family/Parenting")
    first = make_episode(podcast, 1, audio=make_audio(seconds=1.5, name="first.wav"))
    second = make_episode(podcast, 2, audio=make_audio(seconds=3, name="second.wav"), season_number=1)
    with transaction.atomic():
        spanish_podcast = translate(podcast, INDEX_SPANISH)
    spanish_second = translate(second, EPISODE_SPANISH)
    return podcast, first, second, spanish_podcast, spanish_second


def fetch(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response


def test_the_english_feed_has_every_tag_apple_podcasts_requires(a_bilingual_podcast, client):
    podcast, first, second, *_ = a_bilingual_podcast
    response = fetch(client, "/podcast/feed/")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    channel = root.find("channel")

    assert feed.namespaces["itunes"] == ITUNES
    assert feed.namespaces["podcast"] == PODCAST
    assert feed.feed.title == "Family Conversations"
    assert feed.feed.link == f"{BASE_URL}/podcast/"
    assert feed.feed.language == "en"
    # feedparser folds itunes:author and itunes:owner into one "author": read the XML itself.
    assert channel.find(f"{{{ITUNES}}}author").text == "CRAFT Family Support"
    assert channel.find(f"{{{ITUNES}}}owner/{{{ITUNES}}}name").text == "Podcast team"
    assert channel.find(f"{{{ITUNES}}}owner/{{{ITUNES}}}email").text == "podcast@example.org"
    assert channel.find(f"{{{ITUNES}}}explicit").text == "false"
    category = channel.find(f"{{{ITUNES}}}category")
    assert category.get("text") == "Kids & Family"
    assert category.find(f"{{{ITUNES}}}category").get("text") == "Parenting"
    assert root.find("channel/{http://www.w3.org/2005/Atom}link").get("href") == f"{BASE_URL}/podcast/feed/"

    assert [entry.title for entry in feed.entries] == [second.title, first.title]
    latest = feed.entries[0]
    assert latest.link == f"{BASE_URL}/podcast/listening-2/"
    assert latest.published_parsed[:3] == second.release_date.utctimetuple()[:3]
    assert latest.itunes_duration == "3"
    assert latest.itunes_episode == "2"
    assert latest.itunes_season == "1"
    assert latest.guidislink is False
    assert latest.id == second.feed_guid()
    enclosure = latest.enclosures[0]
    assert enclosure.href == f"{BASE_URL}{second.audio_url()}"
    assert int(enclosure.length) == second.audio.file.size == second.audio.file_size
    assert enclosure.type == "audio/wav"
    item = channel.findall("item")[0]
    transcript = item.find(f"{{{PODCAST}}}transcript")
    assert transcript.get("url") == f"{BASE_URL}/podcast/listening-2/transcript/"
    assert transcript.get("type") == "text/html"
    assert transcript.get("language") == "en"
    assert item.find(f"{{{ITUNES}}}explicit").text == "false"


def test_the_feed_artwork_is_an_absolute_square_image(a_bilingual_podcast, client):
    from wagtail.images.tests.utils import get_test_image_file

    from cms.models import CreditedImage

    podcast = a_bilingual_podcast[0]
    podcast.artwork = CreditedImage.objects.create(title="Artwork", file=get_test_image_file(size=(1600, 1600)))
    podcast.save_revision().publish()

    feed = feedparser.parse(fetch(client, "/podcast/feed/").content)

    assert feed.feed.image.href.startswith(f"{BASE_URL}/media/images/")
    assert ".fill-1400x1400.format-jpeg." in feed.feed.image.href or "1400x1400" in feed.feed.image.href


def test_the_spanish_feed_lists_only_episodes_that_have_a_spanish_version(a_bilingual_podcast, client):
    _podcast, _first, second, _spanish_podcast, spanish_second = a_bilingual_podcast

    response = fetch(client, "/es/podcast/feed/")
    feed = feedparser.parse(response.content)

    assert not feed.bozo
    assert feed.feed.title == "Conversaciones en familia"
    assert feed.feed.language == "es"
    assert feed.feed.link == f"{BASE_URL}/es/podcast/"
    assert [entry.title for entry in feed.entries] == ["Episodio sobre escuchar 2"]
    entry = feed.entries[0]
    assert entry.link == f"{BASE_URL}/es/podcast/escuchar-2/"
    assert entry.id == spanish_second.feed_guid() != second.feed_guid()
    assert entry.itunes_episode == "2"
    assert entry.enclosures[0].href == f"{BASE_URL}{second.audio_url()}"
    transcript = ET.fromstring(response.content).find(f"channel/item/{{{PODCAST}}}transcript")  # noqa: S314
    assert transcript.get("url") == f"{BASE_URL}/es/podcast/escuchar-2/transcripcion/"
    assert transcript.get("language") == "es"


def test_the_spanish_feed_has_the_channel_and_item_tags_apple_podcasts_requires(a_bilingual_podcast, client, translate):
    from wagtail.images.tests.utils import get_test_image_file

    from cms.models import CreditedImage

    podcast, _first, second, _spanish_podcast, spanish_second = a_bilingual_podcast
    podcast.artwork = CreditedImage.objects.create(title="Artwork", file=get_test_image_file(size=(1600, 1600)))
    podcast.explicit = True
    podcast.save_revision().publish()
    with transaction.atomic():
        translate(podcast, INDEX_SPANISH)  # a sync from English carries the artwork and explicit flag

    response = fetch(client, "/es/podcast/feed/")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own feed)
    feed = feedparser.parse(response.content)

    assert not feed.bozo, feed.get("bozo_exception")
    assert channel.find("language").text == "es"
    assert channel.find(f"{{{ITUNES}}}author").text == "CRAFT Apoyo Familiar"
    assert channel.find(f"{{{ITUNES}}}owner/{{{ITUNES}}}name").text == "Podcast team"
    assert channel.find(f"{{{ITUNES}}}owner/{{{ITUNES}}}email").text == "podcast@example.org"
    category = channel.find(f"{{{ITUNES}}}category")
    assert category.get("text") == "Kids & Family", "Apple's category names are English in every language"
    assert category.find(f"{{{ITUNES}}}category").get("text") == "Parenting"
    assert channel.find(f"{{{ITUNES}}}explicit").text == "true", "synchronised from the English show"
    image = channel.find(f"{{{ITUNES}}}image").get("href")
    assert image.startswith(f"{BASE_URL}/media/images/") and "1400x1400" in image
    assert channel.find("image/url").text == image
    assert channel.find("image/link").text == f"{BASE_URL}/es/podcast/"

    (item,) = channel.findall("item")
    enclosure = item.find("enclosure")
    assert enclosure.get("url") == f"{BASE_URL}{second.audio_url()}"
    assert int(enclosure.get("length")) == second.audio.file.size == spanish_second.audio.file_size
    assert enclosure.get("type") == "audio/wav"
    assert item.find(f"{{{ITUNES}}}duration").text == "3"
    assert item.find(f"{{{ITUNES}}}episode").text == "2"
    assert parsedate_to_datetime(item.find("pubDate").text) == second.release_date
    guid = item.find("guid")
    assert guid.text == spanish_second.feed_guid() and guid.get("isPermaLink") == "false"
    assert item.find("link").text == f"{BASE_URL}/es/podcast/escuchar-2/"


def test_an_episode_keeps_its_guid_when_its_title_and_slug_change(a_bilingual_podcast, client):
    second = a_bilingual_podcast[2]
    before = feedparser.parse(fetch(client, "/podcast/feed/").content).entries[0].id

    second.title = "Listening without arguing"
    second.slug = "listening-without-arguing"
    second.save_revision().publish()
    after = feedparser.parse(fetch(client, "/podcast/feed/").content).entries[0]

    assert after.title == "Listening without arguing"
    assert after.id == before


def test_the_transcript_url_in_the_feed_serves_the_transcript(a_bilingual_podcast, client):
    html = fetch(client, "/es/podcast/escuchar-2/transcripcion/").content.decode()
    assert "Presentadora: bienvenidos a la parte 2." in html
    assert '<html lang="es">' in html


def test_podcast_apps_polling_an_unchanged_feed_get_304(a_bilingual_podcast, client, django_assert_max_num_queries):
    first_response = fetch(client, "/podcast/feed/")
    etag, last_modified = first_response["ETag"], first_response["Last-Modified"]
    assert "max-age=300" in first_response["Cache-Control"]

    with django_assert_max_num_queries(12):
        by_etag = client.get("/podcast/feed/", HTTP_IF_NONE_MATCH=etag)
    by_date = client.get("/podcast/feed/", HTTP_IF_MODIFIED_SINCE=last_modified)

    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_date.status_code == 304


def test_publishing_an_episode_changes_the_feed_validators(a_bilingual_podcast, client):
    podcast = a_bilingual_podcast[0]
    etag = fetch(client, "/podcast/feed/")["ETag"]

    make_episode(podcast, 3)
    response = client.get("/podcast/feed/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert len(feedparser.parse(response.content).entries) == 3


def test_private_and_draft_episodes_stay_out_of_the_feed(a_home_page, english, client):
    from wagtail.models import PageViewRestriction

    podcast = make_podcast(a_home_page)
    make_episode(podcast, 1, title="Public episode", guests=[make_guest(english)])
    PageViewRestriction.objects.create(
        page=make_episode(podcast, 2, title="Members episode"), restriction_type=PageViewRestriction.LOGIN
    )
    make_episode(podcast, 3, title="Draft episode").unpublish()

    feed = feedparser.parse(fetch(client, "/podcast/feed/").content)

    assert [entry.title for entry in feed.entries] == ["Public episode"]


@pytest.mark.parametrize("remove", ["unpublish", "delete", "make private"])
def test_removing_an_episode_moves_both_validators_so_no_stale_304_is_sent(a_bilingual_podcast, client, remove):
    from wagtail.models import PageViewRestriction

    first = a_bilingual_podcast[1]
    before = fetch(client, "/podcast/feed/")
    assert client.get("/podcast/feed/", HTTP_IF_MODIFIED_SINCE=before["Last-Modified"]).status_code == 304

    if remove == "unpublish":
        first.unpublish()
    elif remove == "delete":
        first.delete()
    else:
        PageViewRestriction.objects.create(page=first, restriction_type=PageViewRestriction.LOGIN)

    by_date = client.get("/podcast/feed/", HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    by_etag = client.get("/podcast/feed/", HTTP_IF_NONE_MATCH=before["ETag"])
    for response in (by_date, by_etag):
        assert response.status_code == 200
        assert [entry.title for entry in feedparser.parse(response.content).entries] == ["Episode about listening 2"]
    assert parsedate_to_datetime(by_date["Last-Modified"]) > parsedate_to_datetime(before["Last-Modified"])
    assert by_date["ETag"] != before["ETag"]
    # And once the app has the new list, polling is cheap again.
    assert client.get("/podcast/feed/", HTTP_IF_MODIFIED_SINCE=by_date["Last-Modified"]).status_code == 304
    assert client.get("/podcast/feed/", HTTP_IF_NONE_MATCH=by_date["ETag"]).status_code == 304


def test_an_old_if_modified_since_gets_the_whole_feed(a_bilingual_podcast, client):
    response = client.get("/podcast/feed/", HTTP_IF_MODIFIED_SINCE=http_date(0))
    assert response.status_code == 200


@pytest.fixture
def a_real_cache(settings):
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "feeds"}}
    cache.clear()
    yield
    cache.clear()


def test_the_feed_is_rendered_once_per_etag_and_anew_when_it_changes(a_bilingual_podcast, client, a_real_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    podcast, first = a_bilingual_podcast[0], a_bilingual_podcast[1]
    with CaptureQueriesContext(connection) as rendering:
        rendered = fetch(client, "/podcast/feed/")
    with CaptureQueriesContext(connection) as cached:
        again = fetch(client, "/podcast/feed/")
    assert again.content == rendered.content
    assert again["ETag"] == rendered["ETag"] and again["Last-Modified"] == rendered["Last-Modified"]
    assert len(cached) < len(rendering), "the second full GET renders nothing"
    assert client.get("/podcast/feed/", HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304

    first.title = "Listening, retitled"
    first.save_revision().publish()
    changed = fetch(client, "/podcast/feed/")
    assert changed["ETag"] != rendered["ETag"]
    assert "Listening, retitled" in [entry.title for entry in feedparser.parse(changed.content).entries]
    make_episode(podcast, 3)
    assert len(feedparser.parse(fetch(client, "/podcast/feed/").content).entries) == 3
