"""Spanish URLs in Spanish words, old English-worded Spanish URLs redirecting (issue 16, section 4).

English URLs stay as they were. Uses a small bilingual blog; the walk over every page type in both
languages is in test_language_switch.
"""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from home.models import HomePage, StandardPage
from tests.blog.factories import BLOG_SPANISH, make_blog, make_post, make_topic

from .test_language_switch import alternates, switcher

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_bilingual_blog(a_spanish_home_page, english, translate):
    blog = make_blog(HomePage.objects.get(locale=english))
    spanish_blog = translate(blog, BLOG_SPANISH)
    topic = make_topic(english)
    translate(topic, {"Partners": "Parejas", "partners": "parejas"})
    make_post(blog, 1, topics=[topic])
    return blog, spanish_blog


def spanish(name, *args):
    with translation.override("es"):
        return reverse(name, args=args)


def test_spanish_paths_are_in_spanish_and_english_ones_unchanged():
    assert spanish("account_login") == "/es/cuentas/login/"
    assert spanish("members:directory") == "/es/miembros/"
    assert spanish("members:edit_profile") == "/es/miembros/mi-perfil/"
    assert spanish("comments:policy") == "/es/comentarios/normas/"
    assert spanish("blog:ask_question") == "/es/blog/preguntar/"
    assert spanish("search") == "/es/buscar/"
    with translation.override("en"):
        assert reverse("account_login") == "/accounts/login/"
        assert reverse("members:directory") == "/members/"
        assert reverse("comments:policy") == "/comments/policy/"
        assert reverse("blog:ask_question") == "/blog/ask/"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/es/accounts/login/?next=/es/blog/", "/es/cuentas/login/?next=/es/blog/"),
        ("/es/accounts/password/reset/", "/es/cuentas/password/reset/"),
        ("/es/members/", "/es/miembros/"),
        ("/es/members/me/", "/es/miembros/mi-perfil/"),
        ("/es/comments/policy/", "/es/comentarios/normas/"),
        ("/es/blog/ask/", "/es/blog/preguntar/"),
        ("/es/search/?q=familia", "/es/buscar/?q=familia"),
        ("/es/blog/topic/parejas/", "/es/blog/temas/parejas/"),
        ("/es/blog/topic/parejas/feed/", "/es/blog/temas/parejas/feed/"),
    ],
)
def test_old_english_worded_spanish_paths_redirect_permanently(a_bilingual_blog, client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_the_new_paths_answer_and_english_ones_do_not_move(a_bilingual_blog, client):
    for url in ("/es/cuentas/login/", "/es/buscar/?q=familia", "/es/blog/temas/parejas/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="es">' in response.content.decode()
    for url in ("/accounts/login/", "/search/?q=family", "/blog/topic/partners/"):
        assert client.get(url).status_code == 200, url
    assert client.get("/es/blog/no-such-thing/").status_code == 404
    assert client.get("/es/no-such-thing/").status_code == 404


def test_the_switcher_and_alternates_use_the_translated_paths(a_bilingual_blog, client):
    html = client.get("/blog/topic/partners/?page=1").content.decode()
    assert switcher(html) == {"es": "/es/blog/temas/parejas/?page=1"}
    assert alternates(html) == {
        "en": f"{settings.WAGTAILADMIN_BASE_URL}/blog/topic/partners/?page=1",
        "x-default": f"{settings.WAGTAILADMIN_BASE_URL}/blog/topic/partners/?page=1",
        "es": f"{settings.WAGTAILADMIN_BASE_URL}/es/blog/temas/parejas/?page=1",
    }
    html = client.get("/es/cuentas/login/").content.decode()
    assert switcher(html) == {"en": "/accounts/login/"}


def test_a_topic_without_translation_switches_to_the_blog_with_a_notice(a_bilingual_blog, english, client):
    make_topic(english, "Holidays", "holidays")
    html = client.get("/blog/topic/holidays/").content.decode()
    assert switcher(html) == {"es": "/es/blog/?untranslated=1"}
    assert set(alternates(html)) == {"en", "x-default"}, "no alternate announces a page that does not exist"
    notice = client.get("/es/blog/?untranslated=1").content.decode()
    assert "todavía no está disponible en este idioma" in notice


def test_a_spanish_private_page_sends_readers_to_the_spanish_login(a_spanish_home_page, translate, client):
    home = HomePage.objects.get(locale__language_code="en")
    page = home.add_child(instance=StandardPage(title="Members", slug="for-members"))
    page.save_revision().publish()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    spanish_page = translate(page, {"Members": "Miembros", "for-members": "para-miembros"})
    response = client.get(spanish_page.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/es/cuentas/login/?next=")


def test_password_reset_email_links_to_the_spanish_path(make_user, client):
    rosa = make_user("rosa")
    rosa.member_profile.preferred_language = "es"
    rosa.member_profile.save()
    client.post("/es/cuentas/password/reset/", {"email": "rosa@example.org"})
    (message,) = mail.outbox
    link = re.search(r"https?://[^\s]+", message.body).group(0)
    assert "/es/cuentas/password/reset/key/" in link


def test_signup_verification_email_links_to_the_spanish_path(a_spanish_home_page, client):
    client.post(
        "/es/cuentas/signup/",
        {
            "email": "nueva@example.org",
            "username": "nueva",
            "password1": "a-long-test-password-42",
            "password2": "a-long-test-password-42",
        },
    )
    links = [re.search(r"https?://[^\s]+", message.body) for message in mail.outbox]
    assert any(link and "/es/cuentas/confirm-email/" in link.group(0) for link in links), [m.body for m in mail.outbox]


def test_spanish_private_areas_stay_out_of_the_page_cache_and_of_crawlers(client, a_spanish_home_page):
    for path in (
        "/es/cuentas/login/",
        "/es/miembros/",
        "/es/comentarios/cancelar-suscripcion/not-a-token/",
        "/es/buscar/?q=familia",
        "/es/blog/preguntar/",
    ):
        cache_control = client.get(path).get("Cache-Control", "")
        assert "private" in cache_control and "no-store" in cache_control, path
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /es/cuentas/" in robots and "Disallow: /es/miembros/" in robots
