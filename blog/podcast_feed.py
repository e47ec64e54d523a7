"""The podcast's RSS feed, in the dialect Apple Podcasts and the other directories read.

One feed per language, served by `PodcastIndexPage.feed`. Podcast apps poll feeds every few
minutes, so the response carries an ETag and Last-Modified and a conditional GET answers 304
after a few small queries, without rendering anything. A full GET renders the feed once per
ETag: the body is kept in Django's cache under a key made from that ETag, so any change the
ETag sees (an episode published, changed, removed, made private) makes a new key.
"""

import datetime
import hashlib
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.http import http_date, quote_etag

from cms.models import CreditedImage
from cms.page_cache import cached_with_pages
from cms.public_url import absolute, base_url

ITUNES_NAMESPACE = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NAMESPACE = "https://podcastindex.org/namespace/1.0"
# Apple wants square artwork between 1400 and 3000 pixels, as JPEG or PNG.
ARTWORK_FILTER = "fill-1400x1400|format-jpeg"
FEED_CACHE_SECONDS = 300
# How long a rendered body is kept. Its key carries the ETag, so this only bounds what the ETag
# cannot see: an image file replaced under the same image, or the site's address changing.
FEED_BODY_CACHE_SECONDS = 60 * 60


def _yes_no(value):
    return "true" if value else "false"


class PodcastFeed(Rss201rev2Feed):
    """RSS 2.0 with the iTunes tags Apple requires and the Podcasting 2.0 transcript link."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES_NAMESPACE, "xmlns:podcast": PODCAST_NAMESPACE}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        feed = self.feed
        handler.addQuickElement("itunes:author", feed["itunes_author"])
        handler.addQuickElement("itunes:summary", feed["description"])
        handler.addQuickElement("itunes:type", "episodic")
        handler.addQuickElement("itunes:explicit", _yes_no(feed["explicit"]))
        if feed["image_url"]:
            handler.addQuickElement("itunes:image", None, {"href": feed["image_url"]})
            handler.startElement("image", {})
            handler.addQuickElement("url", feed["image_url"])
            handler.addQuickElement("title", feed["title"])
            handler.addQuickElement("link", feed["link"])
            handler.endElement("image")
        handler.startElement("itunes:owner", {})
        handler.addQuickElement("itunes:name", feed["owner_name"])
        handler.addQuickElement("itunes:email", feed["owner_email"])
        handler.endElement("itunes:owner")
        category, subcategory = feed["itunes_category"]
        handler.startElement("itunes:category", {"text": category})
        if subcategory:
            handler.addQuickElement("itunes:category", None, {"text": subcategory})
        handler.endElement("itunes:category")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:title", item["title"])
        handler.addQuickElement("itunes:summary", item["description"])
        handler.addQuickElement("itunes:duration", str(item["duration"]))
        handler.addQuickElement("itunes:episode", str(item["episode_number"]))
        if item["season_number"]:
            handler.addQuickElement("itunes:season", str(item["season_number"]))
        handler.addQuickElement("itunes:episodeType", "full")
        handler.addQuickElement("itunes:explicit", _yes_no(item["explicit"]))
        if item["image_url"]:
            handler.addQuickElement("itunes:image", None, {"href": item["image_url"]})
        if item["transcript_url"]:
            handler.addQuickElement(
                "podcast:transcript",
                None,
                {"url": item["transcript_url"], "type": "text/html", "language": item["language"]},
            )


def _validators(index, episodes):
    """An ETag and a Last-Modified date that change whenever anything the feed shows changes.

    The ETag fingerprints every episode the feed lists, so an episode that leaves the feed
    (unpublished, deleted, made private) changes it too. Last-Modified is the moment the feed
    first served that fingerprint (see `PodcastFeedState`), so it moves on removals as well.
    """
    from blog.models import PodcastFeedState

    rows = list(
        episodes.values_list(
            "pk", "last_published_at", "latest_revision_id", "url_path", "audio_id", "audio__file", "audio__file_size"
        )
    )
    fingerprint = repr((index.pk, index.last_published_at, index.latest_revision_id, rows)).encode()
    etag = quote_etag(hashlib.sha256(fingerprint).hexdigest()[:32])

    state = PodcastFeedState.objects.filter(index=index).first()
    if state is None:
        # The first time: the newest publication the feed shows, as before there was any state.
        latest = max((row[1] for row in rows if row[1]), default=None)
        first = max((date for date in (index.last_published_at, latest) if date), default=None)
        state, _created = PodcastFeedState.objects.get_or_create(
            index=index, defaults={"etag": etag, "changed_at": first or timezone.now()}
        )
    if state.etag != etag:
        # HTTP dates have whole seconds: a second change within the same second must still move it.
        changed_at = max(timezone.now(), state.changed_at + datetime.timedelta(seconds=1))
        PodcastFeedState.objects.filter(pk=state.pk).update(etag=etag, changed_at=changed_at)
        state.changed_at = changed_at
    # Whole seconds: HTTP dates have no fractions, and If-Modified-Since compares with them.
    return etag, int(state.changed_at.timestamp())


def _absolute(url):
    """Podcast apps fetch everything from elsewhere: every address in the feed is absolute, on the
    site's public address like its page links (storages such as S3 already return absolute URLs)."""
    return url if urlsplit(url).scheme else absolute(url)


def podcast_feed_response(request, index):
    """The feed of `index`'s language: its public episodes that have audio, newest first."""
    # An episode whose file could not be measured has no valid enclosure: directories reject it.
    episodes = index.episodes().filter(audio__file_size__isnull=False)
    # Kept under the page cache's generation, which every change to what the feed lists moves on
    # (publishing, privacy, media): polling apps then cost no read of every episode's row.
    etag, last_modified = cached_with_pages("podcast-feed-validators", index.pk, lambda: _validators(index, episodes))
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return not_modified

    key = _body_cache_key(index, etag)
    body = cache.get(key)
    if body is None:
        body = _render_feed(request, index, episodes)
        cache.set(key, body, FEED_BODY_CACHE_SECONDS)

    response = HttpResponse(body, content_type=PodcastFeed.content_type)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=FEED_CACHE_SECONDS)
    return response


def _body_cache_key(index, etag):
    """Per feed, ETag, public address and language (absolute URLs use them)."""
    parts = (str(index.pk), etag, base_url(), translation.get_language() or "")
    return "podcast-feed-body:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def _render_feed(request, index, episodes):
    """The RSS document of `episodes`, as bytes."""
    language = index.locale.language_code
    artwork_url = ""
    if index.artwork:
        artwork_url = _absolute(index.artwork.get_rendition(ARTWORK_FILTER).url)
    feed = PodcastFeed(
        title=index.title,
        link=index.get_full_url(request),
        description=index.description,
        language=language,
        feed_url=index.get_full_feed_url(request),
        itunes_author=index.author,
        owner_name=index.owner_name,
        owner_email=index.owner_email,
        itunes_category=index.category_parts,
        explicit=index.explicit,
        image_url=artwork_url,
    )
    episodes = episodes.select_related("locale").prefetch_related(
        Prefetch("featured_image", queryset=CreditedImage.objects.prefetch_renditions(ARTWORK_FILTER))
    )
    for episode in episodes:
        audio = episode.audio
        image_url = ""
        if episode.featured_image:
            image_url = _absolute(episode.featured_image.get_rendition(ARTWORK_FILTER).url)
        feed.add_item(
            title=episode.title,
            link=episode.get_full_url(request),
            description=episode.summary,
            pubdate=episode.release_date,
            unique_id=episode.feed_guid(),
            unique_id_is_permalink=False,
            enclosures=[Enclosure(_absolute(episode.audio_url()), str(audio.file_size), audio.mime_type)],
            duration=episode.duration_seconds,
            episode_number=episode.episode_number,
            season_number=episode.season_number,
            explicit=episode.explicit,
            image_url=image_url,
            transcript_url=episode.get_full_transcript_url(request) if episode.transcript else "",
            language=language,
        )

    return feed.writeString("utf-8").encode("utf-8")
