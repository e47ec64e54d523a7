"""The language switch keeps the reader's place, and the hreflang alternates say the same (issue 16).

Walks every URL of the sitemap and every sub-route type (topic and month archives, page N of a
listing, transcript, exercise, journal, search with its query, members' and account pages) in both
languages on the demo content, and follows the switcher from each.
"""

import re
from html import unescape
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from blog.models import BlogIndexPage, PodcastEpisodePage, PodcastIndexPage, QAPostPage, Topic
from learning.models import Exercise, LearningIndexPage

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "es")


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def switcher(html):
    nav = html.split('class="language-nav"', 1)[1].split("</nav>", 1)[0]
    return {language: url for url, language in re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav)}


def local(url):
    """The path and query of `url` as written in a test, whether it came from HTML or the sitemap."""
    parts = urlsplit(unescape(url))
    return parts.path + (f"?{unquote(parts.query)}" if parts.query else "")


def sub_route_urls(language):
    """One URL of each sub-route type in `language`, as the reader reaches it."""
    blog = BlogIndexPage.objects.get(locale__language_code=language)
    topic = Topic.objects.filter(locale__language_code=language).order_by("pk").first()
    post = QAPostPage.objects.live().filter(locale__language_code=language).order_by("-date").first()
    podcast = PodcastIndexPage.objects.get(locale__language_code=language)
    episode = PodcastEpisodePage.objects.live().child_of(podcast).order_by("-release_date").first()
    learning = LearningIndexPage.objects.get(locale__language_code=language)
    exercise = Exercise.objects.filter(locale__language_code=language, live=True).order_by("number").first()
    with translation.override(language):
        django_views = [
            reverse("search") + "?q=family",
            reverse("members:directory"),
            reverse("members:edit_profile"),
            reverse("members:profile", args=["member"]),
            reverse("comments:policy"),
            reverse("blog:ask_question"),
        ]
    return [
        blog.url + blog.reverse_subpage("topic", kwargs={"slug": topic.slug}),
        blog.url + blog.reverse_subpage("month", args=[f"{post.date:%Y}", f"{post.date:%m}"]),
        blog.url + "?page=2",
        podcast.url + "?page=2",
        episode.get_transcript_url(),
        learning.url + learning.reverse_subpage("exercise", args=[exercise.number]),
        learning.url + learning.reverse_subpage("journal"),
        *django_views,
    ]


def account_urls(language):
    """The account pages a visitor who is not signed in reads."""
    with translation.override(language):
        return [
            reverse("account_login") + "?next=" + reverse("members:directory"),
            reverse("account_signup"),
            reverse("account_reset_password"),
        ]


def check_switch(client, url):
    """Follow the switcher from `url`; returns the problems found (an empty list when none)."""
    response = client.get(url)
    if response.status_code != 200:
        return [f"{url} answered {response.status_code}"]
    html = response.content.decode()
    here = re.search(r'<html lang="(\w+)"', html).group(1)
    links, announced = switcher(html), alternates(html)
    problems = []
    if local(announced.get(here, "")) != url:
        problems.append(f"{url}: its own alternate is {announced.get(here)}")
    if announced.get("x-default") != announced.get("en"):
        problems.append(f"{url}: x-default {announced.get('x-default')} is not the English {announced.get('en')}")
    for language, link in links.items():
        if "untranslated" in link:
            problems.append(f"{url}: switches to {link}, an untranslated fallback, on bilingual content")
            continue
        if local(announced.get(language, "")) != local(link):
            problems.append(f"{url}: switcher {link} but hreflang {language} is {announced.get(language)}")
        there = client.get(unescape(link))
        if there.status_code != 200:
            problems.append(f"{url}: switches to {link}, which answers {there.status_code}")
            continue
        back = local(switcher(there.content.decode()).get(here, ""))
        if back != url:
            # The switch lost the place (an index, the episode instead of its transcript): going back
            # would not return to where the reader was.
            problems.append(f"{url}: switches to {link}, whose switch back is {back}")
    return problems


def test_every_page_and_sub_route_switches_to_its_own_counterpart(demo, client):
    member = get_user_model().objects.get(username="member")
    sitemap = client.get("/sitemap.xml").content.decode()
    sitemap_urls = [local(url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    assert any(url.startswith("/es/") for url in sitemap_urls) and "/" in sitemap_urls

    problems = []
    for url in account_urls("en") + account_urls("es"):
        problems += check_switch(client, url)
    client.force_login(member)
    walked = sitemap_urls + [url for language in LANGUAGES for url in sub_route_urls(language)]
    for url in walked:
        problems += check_switch(client, url)
    assert not problems, "\n".join(problems)

    # For instance: a Spanish topic archive announces the English one as x-default, and switches there.
    blog = BlogIndexPage.objects.get(locale__language_code="es")
    topic = Topic.objects.filter(locale__language_code="es").order_by("pk").first()
    html = client.get(blog.url + blog.reverse_subpage("topic", kwargs={"slug": topic.slug})).content.decode()
    english_topic = Topic.objects.get(translation_key=topic.translation_key, locale__language_code="en")
    assert alternates(html)["x-default"] == f"{settings.WAGTAILADMIN_BASE_URL}/blog/topic/{english_topic.slug}/"
    assert switcher(html) == {"en": f"/blog/topic/{english_topic.slug}/"}
