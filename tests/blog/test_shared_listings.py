"""The blog's and the podcast's listings are rendered once per generation for every reader
(cms.shared_pieces): a change shows at once, a reader's view and a preview are never kept."""

import pytest

from blog.models import BlogIndexPage, PodcastIndexPage
from tests.members.factories import MemberFactory, logged_in

from .factories import BLOG_SPANISH, make_audio, make_blog, make_episode, make_podcast, make_post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("a_shared_cache")]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def a_member():
    return MemberFactory(username="quiet_harbor")


@pytest.fixture
def listings_built(monkeypatch):
    built = []
    listing = BlogIndexPage.listing

    def counted(page, *args, **kwargs):
        built.append(page.pk)
        return listing(page, *args, **kwargs)

    monkeypatch.setattr(BlogIndexPage, "listing", counted)
    return built


def test_members_and_visitors_share_one_rendering_of_the_listing_until_a_post_is_published(a_home_page, listings_built):
    blog = make_blog(a_home_page)
    make_post(blog, 1)
    member = logged_in(a_member())

    first = member.get(blog.url).content.decode()
    again = member.get(blog.url).content.decode()
    assert "How do I start talking about treatment 1" in first and first == again
    assert listings_built == [blog.pk], "the second view assembled the cached listing"

    make_post(blog, 2)
    assert "How do I start talking about treatment 2" in member.get(blog.url).content.decode()
    assert len(listings_built) == 2


def test_each_page_of_a_listing_and_each_language_is_kept_apart(a_home_page, a_spanish_home_page, translate):
    blog = make_blog(a_home_page)
    for number in range(1, BlogIndexPage.posts_per_page + 2):
        make_post(blog, number)
    member = logged_in(a_member())
    first_page = member.get(blog.url).content.decode()
    second_page = member.get(blog.url + "?page=2").content.decode()
    assert "How do I start talking about treatment 1<" not in first_page
    assert "How do I start talking about treatment 1<" in second_page
    assert f'rel="canonical" href="{blog.full_url}?page=2"' in second_page

    translate(blog, BLOG_SPANISH)
    spanish = member.get("/es/blog/").content.decode()
    assert "<h1>Blog de preguntas y respuestas</h1>" in spanish and "Discussion Blog</h1>" not in spanish
    assert "<h1>Discussion Blog</h1>" in member.get(blog.url).content.decode()


def test_a_preview_shows_the_draft_and_is_never_kept(a_home_page, client):
    blog = make_blog(a_home_page)
    blog.intro = "Live introduction."
    blog.save_revision().publish()
    assert "Live introduction." in client.get(blog.url, HTTP_COOKIE="sessionid=none").content.decode()

    blog.intro = "Draft introduction."
    preview = blog.make_preview_request().content.decode()
    assert "Draft introduction." in preview and "Live introduction." not in preview

    live = client.get(blog.url, HTTP_COOKIE="sessionid=none").content.decode()
    assert "Live introduction." in live and "Draft introduction." not in live


def test_the_podcast_listing_shows_a_new_episode_at_once(a_home_page):
    podcast = make_podcast(a_home_page)
    make_episode(podcast, 1, audio=make_audio())
    member = logged_in(a_member())
    assert "Episode 1" in member.get(podcast.url).content.decode()

    make_episode(PodcastIndexPage.objects.get(pk=podcast.pk), 2, audio=make_audio(name="second.wav"))
    assert "Episode 2" in member.get(podcast.url).content.decode()
