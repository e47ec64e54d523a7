"""Attacks on the accounts: guessing passwords through every login URL, unverified accounts,
reset links that live too long or work twice, and sign-up timing that tells which emails exist."""

import logging
import re
import statistics
import time
from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from wagtail.models import PageViewRestriction

from cms.membership import MEMBERS_GROUP
from tests.members.factories import PASSWORD

pytestmark = pytest.mark.django_db

# Every URL a login form could be posted to, in both languages. The admin logins live outside
# i18n_patterns, so their /es/ twins answer 404: they are tried anyway.
LOGIN_URLS = [
    f"{prefix}{path}"
    for prefix in ("", "/es")
    for path in ("/accounts/login/", "/admin/login/", "/django-admin/login/", "/_util/login/")
] + ["/es/cuentas/login/"]
# The ones that check a password (the others redirect to the members' login or answer 404; the
# English-worded /es/accounts/login/ now redirects to /es/cuentas/login/).
AUTHENTICATING_URLS = {"/accounts/login/", "/es/cuentas/login/", "/admin/login/", "/django-admin/login/"}
RESET_LINK = re.compile(r"https?://[^\s]+(/accounts/password/reset/key/[^\s/]+/)")


@pytest.fixture(autouse=True)
def _members_group():
    Group.objects.get_or_create(name=MEMBERS_GROUP)


@pytest.fixture
def throttling_cache(settings):
    """allauth's rate limits count in the cache; the test settings' dummy cache counts nothing."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "defences"}}
    cache.clear()


def try_login(client, url, login, password):
    # allauth's form names the field "login", Django's and Wagtail's "username": send both.
    return client.post(url, {"login": login, "username": login, "password": password})


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_forty_wrong_passwords_then_the_right_one_never_signs_in(client, a_member, throttling_cache, caplog, url):
    with caplog.at_level(logging.WARNING):
        for _attempt in range(40):
            try_login(client, url, "quiet_harbor", "wrong-password")
        try_login(client, url, "quiet_harbor", PASSWORD)
    assert not signed_in(client)
    assert client.get("/members/me/").status_code == 302

    if url in AUTHENTICATING_URLS:
        # One line per attempt: five failures, then every later attempt refused (the right one
        # too), either by the login-name limit or, past 30 a minute, by allauth's 429.
        messages = [record.getMessage() for record in caplog.records]
        failed = [message for message in messages if message.startswith("Login failed")]
        refused = [
            message
            for message in messages
            if message.startswith(("Login refused after too many failed attempts", "Too Many Requests"))
        ]
        assert len(failed) == 5
        assert len(failed) + len(refused) == 41, messages
        assert "quiet_harbor" not in " ".join(messages)


def test_a_member_locked_out_on_one_login_is_locked_out_on_all(client, a_member, throttling_cache):
    for _attempt in range(5):
        try_login(client, "/accounts/login/", "quiet_harbor", "wrong-password")
    for url in LOGIN_URLS:
        try_login(client, url, "quiet_harbor", PASSWORD)
        assert not signed_in(client), url


@pytest.mark.parametrize(("prefix", "login"), [("", "/accounts/login/"), ("/es", "/es/cuentas/login/")])
def test_the_wagtail_frontend_login_is_the_members_login(client, prefix, login):
    response = client.get(f"{prefix}/_util/login/?next=/members/me/")
    assert response.status_code == 302
    assert response["Location"] == f"{login}?next=/members/me/"
    assert client.post(f"{prefix}/_util/login/", {"username": "x", "password": "y"}).status_code == 302


def test_a_private_pages_login_link_still_leads_to_a_working_login(client, a_home_page, a_member):
    from home.models import HomePage

    private = a_home_page.add_child(instance=HomePage(title="Members corner", slug="corner", hero_heading="Hi"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/corner/")
    assert response.status_code == 302
    login_url = response["Location"]
    assert login_url.startswith("/accounts/login/?next=")
    assert client.get(login_url).status_code == 200
    signed = client.post(login_url, {"login": "quiet_harbor", "password": PASSWORD})
    assert signed.status_code == 302
    assert client.get("/corner/").status_code == 200


def test_an_unverified_account_gets_no_session_anywhere(client, mailoutbox):
    client.post(
        "/accounts/signup/",
        {"username": "hopeful_wren", "email": "wren@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert get_user_model().objects.filter(username="hopeful_wren").exists()
    for url in LOGIN_URLS:
        client.logout()
        try_login(client, url, "hopeful_wren", PASSWORD)
        assert not signed_in(client), url
        assert client.get("/members/me/").status_code == 302, url


def test_staff_without_an_address_on_record_keep_their_admin_login(client, make_user):
    make_user("site_admin", "Editors", is_staff=True, is_superuser=True)
    response = try_login(client, "/admin/login/", "site_admin", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


# --- Password reset links ------------------------------------------------------------------------


def request_reset_link(client, mailoutbox):
    client.post("/accounts/password/reset/", {"email": "quiet_harbor@example.org"})
    return RESET_LINK.search(mailoutbox[-1].body).group(1)


NEW_PASSWORD = "a-brand-new-password-9"  # noqa: S105


def reset_with(client, link, new_password=NEW_PASSWORD):
    """Open the emailed link and set a new password; True when the password was changed."""
    opened = client.get(link, follow=True)
    if opened.context.get("token_fail"):
        return False
    response = client.post(opened.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})
    return response.status_code == 302


def password_works(password):
    return get_user_model().objects.get(username="quiet_harbor").check_password(password)


def later(monkeypatch, minutes):
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: datetime.now() + timedelta(minutes=minutes))


def test_a_password_reset_link_works_within_the_hour(client, a_member, mailoutbox, monkeypatch):
    link = request_reset_link(client, mailoutbox)
    later(monkeypatch, 55)
    assert reset_with(client, link)
    assert password_works(NEW_PASSWORD)


def test_a_password_reset_link_expires_after_one_hour(client, a_member, mailoutbox, monkeypatch):
    link = request_reset_link(client, mailoutbox)
    later(monkeypatch, 61)
    assert not reset_with(client, link)
    assert password_works(PASSWORD)


def test_a_used_password_reset_link_fails_the_second_time(client, a_member, mailoutbox):
    link = request_reset_link(client, mailoutbox)
    assert reset_with(client, link)
    client.logout()
    assert not reset_with(client, link, "an-attackers-password-1")
    assert password_works(NEW_PASSWORD)


def test_a_reset_link_sent_before_a_password_change_fails_after_it(client, a_member, mailoutbox):
    link = request_reset_link(client, mailoutbox)
    client.force_login(a_member)
    changed = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "changed-by-the-member-3", "password2": "changed-by-the-member-3"},
    )
    assert changed.status_code == 302
    assert not reset_with(client, link, "an-attackers-password-1")
    assert password_works("changed-by-the-member-3")


# --- Sign-up timing ----------------------------------------------------------------------------


def test_sign_up_takes_as_long_for_a_registered_email_as_for_a_new_one(client, a_member, mailoutbox, settings):
    """The one measured comparison of the suite: 20 sign-ups each way, medians within 30 ms.

    Production's Argon2 is what makes the difference measurable (the test settings' MD5 is instant).
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]

    def sign_up(username, email):
        started = time.perf_counter()
        response = client.post(
            "/accounts/signup/",
            {"username": username, "email": email, "password1": PASSWORD, "password2": PASSWORD},
        )
        elapsed = time.perf_counter() - started
        assert response.status_code == 302
        client.logout()
        return elapsed

    known, new = [], []
    sign_up("warm_up", "warm_up@example.org")
    for attempt in range(20):
        # Interleaved, so a busy moment on the machine slows both kinds alike.
        known.append(sign_up(f"twin_{attempt}", "quiet_harbor@example.org"))
        new.append(sign_up(f"fresh_{attempt}", f"fresh_{attempt}@example.org"))
    assert get_user_model().objects.filter(username__startswith="fresh_").count() == 20
    assert not get_user_model().objects.filter(username__startswith="twin_").exists()
    gap = abs(statistics.median(known) - statistics.median(new))
    assert gap < 0.030, f"known {statistics.median(known):.3f} s, new {statistics.median(new):.3f} s"
