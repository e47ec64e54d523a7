"""Flooding a thread from one address with several accounts: refused past the per-address limit, logged."""

import logging

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from comments.services import CLIENT_RATE_LIMIT_COUNT
from tests.comments.factories import form_data

pytestmark = pytest.mark.django_db

POST_URL = reverse("comments:post")


@pytest.fixture
def counting_cache(settings):
    """The limit counts in the cache; the test settings' dummy cache counts nothing."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "flood"}}
    cache.clear()


@pytest.fixture
def six_accounts(make_user):
    clients = []
    for number in range(6):
        client = Client()
        client.force_login(make_user(f"flooder_{number}", "Members"))
        clients.append(client)
    return clients


def test_six_accounts_from_one_address_cannot_flood_a_thread(a_post, six_accounts, counting_cache, caplog):
    statuses = []
    with caplog.at_level(logging.WARNING, logger="comments.views"):
        for round_number in range(4):
            for number, client in enumerate(six_accounts):
                response = client.post(
                    POST_URL, form_data(a_post, f"Post {round_number}-{number}"), REMOTE_ADDR="203.0.113.9"
                )
                statuses.append(response.status_code)
    assert XtdComment.objects.count() == CLIENT_RATE_LIMIT_COUNT
    assert statuses.count(302) == CLIENT_RATE_LIMIT_COUNT
    assert statuses.count(429) == 24 - CLIENT_RATE_LIMIT_COUNT
    refusals = [record.getMessage() for record in caplog.records if record.name == "comments.views"]
    assert len(refusals) == 24 - CLIENT_RATE_LIMIT_COUNT
    assert all("203.0.113.9" in message for message in refusals)


def test_the_refusal_keeps_the_text_and_says_why_in_spanish_too(a_post, six_accounts, counting_cache):
    client = six_accounts[0]
    for number in range(CLIENT_RATE_LIMIT_COUNT):
        six_accounts[1 + number % 5].post(POST_URL, form_data(a_post, f"Post {number}"))
    response = client.post("/es/comentarios/publicar/", form_data(a_post, "Mi comentario"))
    assert response.status_code == 429
    assert "Se publicaron muchos comentarios desde su conexión" in response.content.decode()
    assert "Mi comentario" in response.content.decode()


def test_the_limit_counts_the_real_client_behind_the_trusted_proxy(
    a_post, six_accounts, counting_cache, settings, make_user
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for number in range(CLIENT_RATE_LIMIT_COUNT):
        six_accounts[number % 6].post(
            POST_URL, form_data(a_post, f"Post {number}"), HTTP_X_FORWARDED_FOR="203.0.113.5", REMOTE_ADDR="10.0.0.2"
        )
    blocked = six_accounts[0].post(
        POST_URL, form_data(a_post, "One more"), HTTP_X_FORWARDED_FOR="203.0.113.5", REMOTE_ADDR="10.0.0.2"
    )
    assert blocked.status_code == 429
    other_family = Client()
    other_family.force_login(make_user("another_family", "Members"))
    response = other_family.post(
        POST_URL, form_data(a_post, "Hello"), HTTP_X_FORWARDED_FOR="198.51.100.7", REMOTE_ADDR="10.0.0.2"
    )
    assert response.status_code == 302, "another visitor behind the same proxy posts"


def test_the_per_account_limit_is_logged_too(client, a_post, a_member, counting_cache, caplog):
    client.force_login(a_member)
    with caplog.at_level(logging.WARNING, logger="comments.services"):
        for number in range(6):
            client.post(POST_URL, form_data(a_post, f"Comment {number}"))
    (record,) = [record for record in caplog.records if record.name == "comments.services"]
    assert record.getMessage() == f"Comment refused: account {a_member.pk} posted 5 in the last minute"
