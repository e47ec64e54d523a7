"""The anonymous page cache: shared only where nothing personal can be in it, retired on every change."""

import pytest
from django.core.cache import cache

from cms.page_cache import current_generation
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def a_real_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}}
    settings.CACHE_MIDDLEWARE_SECONDS = 120
    cache.clear()


@pytest.fixture
def an_about_page(a_spanish_home_page):
    home = HomePage.objects.get(locale__language_code="en")
    page = home.add_child(instance=StandardPage(title="About us", slug="about", intro="We listen."))
    page.save_revision().publish()
    return page


def test_an_anonymous_visitor_gets_the_cached_page_until_it_is_republished(an_about_page, client):
    assert "We listen." in client.get("/about/").content.decode()
    StandardPage.objects.filter(pk=an_about_page.pk).update(intro="Changed behind the cache's back.")
    assert "We listen." in client.get("/about/").content.decode(), "served from the cache"

    an_about_page.refresh_from_db()
    an_about_page.intro = "We listen, and we learn."
    an_about_page.save_revision().publish()
    assert "We listen, and we learn." in client.get("/about/").content.decode()


def test_unpublishing_retires_the_cached_page(an_about_page, client):
    assert client.get("/about/").status_code == 200
    an_about_page.unpublish()
    assert client.get("/about/").status_code == 404


def test_english_and_spanish_are_cached_apart(a_spanish_home_page, client):
    english = client.get("/").content.decode()
    spanish = client.get("/es/").content.decode()
    assert '<html lang="en">' in english and '<html lang="es">' in spanish


def test_an_anonymous_request_after_a_members_request_never_gets_the_members_page(an_about_page, client, make_user):
    member = make_user("quiet_harbor", "Members")
    client.force_login(member)
    members_view = client.get("/about/")
    assert "quiet_harbor" in members_view.content.decode()
    assert "no-store" in members_view["Cache-Control"] and "private" in members_view["Cache-Control"]

    client.logout()
    client.cookies.clear()
    anonymous = client.get("/about/")
    assert "quiet_harbor" not in anonymous.content.decode()
    assert not anonymous.cookies.get("sessionid")
    assert "private" not in anonymous.get("Cache-Control", "")


def test_a_cached_page_is_never_shared_by_a_member_and_a_visitor_in_either_order(an_about_page, client, make_user):
    anonymous = client.get("/about/").content.decode()
    client.force_login(make_user("steady_oak", "Members"))
    members_view = client.get("/about/").content.decode()
    assert "steady_oak" in members_view and "steady_oak" not in anonymous
    assert members_view != anonymous


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/es/cuentas/signup/",
        "/accounts/password/reset/",
        "/admin/login/",
        "/django-admin/login/",
        "/search/?q=listen",
        "/es/buscar/?q=escuchar",
        "/members/",
        "/es/miembros/",
        "/comments/unsubscribe/not-a-token/",
    ],
)
def test_forms_and_members_areas_are_never_shared_cached(a_spanish_home_page, client, path):
    response = client.get(path)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_page_with_a_form_is_private_wherever_its_url_is():
    """No list of private paths: a form's token belongs to one visitor, whatever the URL says."""
    from django.http import HttpResponse
    from django.middleware.csrf import CsrfViewMiddleware, get_token
    from django.test import RequestFactory

    from cms.page_cache import UpdatePageCacheMiddleware

    def a_form(request):
        return HttpResponse(f"<form>{get_token(request)}</form>")

    request = RequestFactory().get("/es/a-renamed-or-translated-path/")
    response = CsrfViewMiddleware(a_form).process_response(request, a_form(request))
    response = UpdatePageCacheMiddleware(a_form).process_response(request, response)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("model_label", "retires"),
    [
        ("cms.queuedemail", False),
        ("learning.journalentry", False),
        ("learning.segmentcompletion", False),
        ("blog.podcastfeedstate", False),
        ("cms.crisisresource", True),
        ("home.standardpage", True),
        ("django_comments_xtd.xtdcomment", True),
        ("comments.commentreview", True),
        ("members.memberprofile", True),
        ("blog.episodeguest", True),
    ],
)
def test_only_what_public_pages_show_retires_them(model_label, retires):
    from django.apps import apps

    from cms.page_cache import _is_shown_on_public_pages

    assert _is_shown_on_public_pages(apps.get_model(model_label)) is retires


def test_a_new_comment_policy_or_footer_change_retires_cached_pages(an_about_page, client):
    from wagtail.models import Locale

    from cms.models import SiteFooter

    client.get("/about/")
    footer = SiteFooter.objects.filter(locale=Locale.get_default()).first() or SiteFooter(locale=Locale.get_default())
    footer.text = "<p>A new footer line.</p>"
    footer.save()
    assert "A new footer line." in client.get("/about/").content.decode()


def test_approving_a_held_comment_retires_the_cached_post(a_home_page, client, make_user):
    from comments import services
    from tests.blog.factories import make_blog, make_post
    from tests.comments.factories import add_comment

    post = make_post(make_blog(a_home_page), 1)
    held = add_comment(post, make_user("rosa", "Members"), "Held until a moderator reads it.", is_public=False)
    assert "Held until a moderator reads it." not in client.get(post.url).content.decode()
    services.approve([held], make_user("moderator", "Moderators"))
    assert "Held until a moderator reads it." in client.get(post.url).content.decode()


def test_an_authors_edit_retires_the_cached_post(a_home_page, client, make_user):
    from django.utils import timezone

    from comments import services
    from tests.blog.factories import make_blog, make_post
    from tests.comments.factories import add_comment

    post = make_post(make_blog(a_home_page), 1)
    author = make_user("rosa", "Members")
    comment = add_comment(post, author, "Words before the edit.", submit_date=timezone.now())
    assert "Words before the edit." in client.get(post.url).content.decode()
    services.edit_own(comment, author, "Words after the edit.")
    assert "Words after the edit." in client.get(post.url).content.decode()


def test_a_podcast_episode_page_is_kept_for_visitors(a_home_page, client):
    """It has no inline script (and so no one-time CSP nonce) that would make it uncacheable."""
    from blog.models import PodcastEpisodePage
    from tests.blog.factories import make_audio, make_episode, make_podcast

    episode = make_episode(make_podcast(a_home_page), 1, audio=make_audio())
    first = client.get(episode.url)
    assert first.status_code == 200
    PodcastEpisodePage.objects.filter(pk=episode.pk).update(summary="Changed behind the cache's back.")
    assert client.get(episode.url).content == first.content, "served from the cache"


def test_making_a_cached_page_private_retires_it_at_once(an_about_page, client):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    assert "We listen." in client.get("/about/").content.decode()
    restriction = PageViewRestriction.objects.create(page=an_about_page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/about/")
    assert response.status_code == 302 and "We listen." not in response.content.decode()

    restriction.delete()
    assert "We listen." in client.get("/about/").content.decode()

    # Who may pass a group restriction is a many-to-many change, without a save of the restriction.
    restriction = PageViewRestriction.objects.create(page=an_about_page, restriction_type=PageViewRestriction.GROUPS)
    before = current_generation()
    restriction.groups.add(Group.objects.get_or_create(name="Staff")[0])
    assert current_generation() > before


def test_a_lost_generation_counter_never_brings_back_pages_stored_before(an_about_page, client):
    from cms.page_cache import GENERATION_KEY

    assert "We listen." in client.get("/about/").content.decode()
    StandardPage.objects.filter(pk=an_about_page.pk).update(intro="Changed while the counter was lost.")
    cache.delete(GENERATION_KEY)  # evicted, or Redis restarted: the stored pages may survive it
    assert "Changed while the counter was lost." in client.get("/about/").content.decode()


def test_a_cached_page_costs_one_trip_to_the_shared_cache(an_about_page, client, monkeypatch):
    from cms import page_cache

    client.get("/about/")
    client.get("/about/")  # stored in the shared cache and in this process
    trips = []
    shared = page_cache._cache()
    original_get = shared.get

    def counted_get(key, *args, **kwargs):
        trips.append(key)
        return original_get(key, *args, **kwargs)

    monkeypatch.setattr(shared, "get", counted_get)
    assert "We listen." in client.get("/about/").content.decode()
    assert trips == [page_cache.GENERATION_KEY]

    # A publication moves the generation on: the copy in this process is never served again.
    an_about_page.intro = "We listen, and we learn."
    an_about_page.save_revision().publish()
    assert "We listen, and we learn." in client.get("/about/").content.decode()


def test_without_a_storing_cache_no_worker_keeps_pages_either(an_about_page, client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert "We listen." in client.get("/about/").content.decode()
    StandardPage.objects.filter(pk=an_about_page.pk).update(intro="Changed, and nothing kept the old page.")
    assert "Changed, and nothing kept the old page." in client.get("/about/").content.decode()


def test_a_visitor_with_a_session_is_never_answered_from_the_cache(an_about_page, client, settings):
    assert "We listen." in client.get("/about/").content.decode()
    StandardPage.objects.filter(pk=an_about_page.pk).update(intro="Rendered for a visitor with a session.")
    assert "We listen." in client.get("/about/").content.decode(), "a visitor without one gets the copy"
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-real-session"
    response = client.get("/about/")
    assert "Rendered for a visitor with a session." in response.content.decode()
