"""The security baseline, checked from the outside: headers, cookies, sessions, passwords, errors."""

import json
import logging
import time

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError
from django.test import RequestFactory

from cms.errors import server_error
from cms.log_filters import RedactEmailAddresses
from cms.security import SESSION_LAST_SEEN, SESSION_STARTED
from cms.storage import server_generated_name
from tests.cms.test_settings import PRODUCTION_ENV, manage

pytestmark = pytest.mark.django_db


def test_public_pages_send_a_strict_content_security_policy(a_home_page, client):
    first = client.get("/")
    policy = first["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
    assert first["X-Frame-Options"] == "DENY"
    assert first["Referrer-Policy"] == "same-origin"
    assert first["X-Content-Type-Options"] == "nosniff"


def test_the_episode_page_has_no_inline_script_and_a_policy_without_unsafe_inline(a_home_page, client):
    """Its chapter buttons are wired by a static file: no inline script, so no nonce to replay.

    A page that used a nonce could not be kept by the anonymous page cache (cms.page_cache).
    """
    from tests.blog.factories import make_audio, make_episode, make_podcast

    episode = make_episode(
        make_podcast(a_home_page),
        1,
        audio=make_audio(),
        show_notes=[("chapter", {"minutes": 0, "seconds": 5, "title": "Trying it at home"})],
    )
    response = client.get(episode.url)
    assert response.status_code == 200
    script_src = response["Content-Security-Policy"].split("script-src", 1)[1].split(";", 1)[0]
    assert "'unsafe-inline'" not in script_src
    html = BeautifulSoup(response.content, "html.parser")
    scripts = html.find_all("script")
    assert scripts, "the chapter script is loaded"
    assert all(script.get("src") and not script.string for script in scripts), scripts
    assert not any(script.has_attr("nonce") for script in scripts)
    assert html.find("script", src=lambda src: src and src.endswith("blog/chapters.js")).has_attr("defer")


def test_the_admin_gets_a_policy_limited_to_our_own_origin(client, an_editor):
    client.force_login(an_editor)
    policy = client.get("/admin/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "http" not in policy, "no other origin is allowed, not even for Wagtail's admin"


def test_production_cookies_are_secure_host_only_and_same_site():
    code = (
        "import json; from django.conf import settings as s; print(json.dumps([s.SESSION_COOKIE_NAME, "
        "s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_SAMESITE, "
        "s.SECURE_HSTS_SECONDS, s.PASSWORD_HASHERS[0], s.SESSION_COOKIE_AGE, s.SESSION_IDLE_TIMEOUT]))"
    )
    result = manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values[:5] == ["__Host-sessionid", "__Host-csrftoken", True, True, "Lax"]
    assert values[5] >= 60 * 60 * 24 * 365
    assert values[6] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert values[7] == 12 * 60 * 60 and values[8] == 60 * 60


def test_a_password_shorter_than_twelve_characters_is_refused(client):
    response = client.post(
        "/accounts/signup/",
        {"username": "short_pw", "email": "s@example.org", "password1": "Tr1cky-pass", "password2": "Tr1cky-pass"},
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()


def _age_session(client, started_ago, last_seen_ago):
    session = client.session
    now = int(time.time())
    session[SESSION_STARTED] = now - started_ago
    session[SESSION_LAST_SEEN] = now - last_seen_ago
    session.save()


@pytest.mark.parametrize(
    ("started_ago", "last_seen_ago", "still_signed_in"),
    [(60, 30, True), (2 * 60 * 60, 61 * 60, False), (13 * 60 * 60, 10, False)],
    ids=["active", "idle-too-long", "signed-in-too-long"],
)
def test_sessions_end_after_an_idle_hour_or_twelve_hours_whatever_happens(
    client, make_user, started_ago, last_seen_ago, still_signed_in
):
    client.force_login(make_user("shared_computer", "Members"))
    _age_session(client, started_ago, last_seen_ago)
    client.get("/members/me/")
    assert ("_auth_user_id" in client.session) is still_signed_in


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_the_login_never_redirects_off_site(client, make_user, next_url):
    make_user("steady_oak", "Members")
    response = client.post(
        f"/accounts/login/?next={next_url}", {"login": "steady_oak", "password": "a-long-test-password-42"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_uploads_get_names_nobody_chose_or_can_guess():
    first = server_generated_name("original_images/Maria Lopez family photo.JPG")
    second = server_generated_name("original_images/Maria Lopez family photo.JPG")
    assert first.startswith("original_images/") and first.endswith(".jpg")
    assert "Maria" not in first and first != second
    assert not server_generated_name("avatars/x.html\x00.png").endswith(".html")


def test_health_check_reports_the_database_and_never_sets_a_cookie(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert not response.cookies


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/blog/ask/", "The site is briefly unavailable"),
        ("/es/blog/preguntar/", "El sitio no está disponible por unos momentos"),
    ],
)
def test_a_lost_database_shows_a_friendly_503_in_the_visitors_language(path, text):
    request = RequestFactory().post(path)
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert text in html
    assert "Traceback" not in html and "OperationalError" not in html


def test_any_other_crash_shows_the_plain_500_page():
    try:
        raise ValueError("boom")
    except ValueError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "boom" not in response.content.decode()


def test_logs_never_carry_an_email_address():
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "Could not deliver to %s", ("rosa.m@example.org",), None
    )
    RedactEmailAddresses().filter(record)
    assert "rosa.m@example.org" not in record.getMessage()
    assert "[email address removed]" in record.getMessage()
