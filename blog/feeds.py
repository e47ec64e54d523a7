"""RSS 2.0 feeds of the Discussion Blog: one per language, and one per topic."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from cms.public_url import absolute


class QAPostFeed(Feed):
    """The newest public posts of one blog (optionally of one topic), with absolute links."""

    feed_type = Rss201rev2Feed
    size = 20

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, blog, topic=None):
        # Django reads the feed's language from this attribute, not through a method.
        self.language = blog.locale.language_code
        return {"blog": blog, "topic": topic}

    def title(self, obj):
        if obj["topic"]:
            return f"{obj['blog'].title}: {obj['topic'].name}"
        return obj["blog"].title

    def link(self, obj):
        blog = obj["blog"]
        url = blog.get_full_url(self.request)
        if obj["topic"]:
            url += blog.reverse_subpage("topic", args=[obj["topic"].slug])
        return url

    def feed_url(self, obj):
        return absolute(self.request.get_full_path())

    def description(self, obj):
        if obj["topic"] and obj["topic"].description:
            return obj["topic"].description
        return obj["blog"].intro or _("Questions from families and partners, answered by the CRAFT team.")

    def items(self, obj):
        posts = obj["blog"].posts().for_listing().newest_first()
        if obj["topic"]:
            posts = posts.filter(topic_links__topic=obj["topic"])
        return posts[: self.size]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.excerpt

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        # Stable across slug changes and distinct per language.
        return f"{item.translation_key}/{self.language}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(12)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return str(item.author_name)

    def item_categories(self, item):
        return [topic.name for topic in item.topics]
