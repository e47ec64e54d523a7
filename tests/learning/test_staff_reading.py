"""Staff who may edit the course read it as members do, labelled, and never from or into a cache."""

import pytest
from django.core.cache import cache

from cms.roles import EDITORS, MODERATORS, TRANSLATORS

from .factories import segment

pytestmark = pytest.mark.django_db

NOTICE = "You are viewing this members-only page as staff."


@pytest.fixture(autouse=True)
def a_storing_page_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "staff"}}
    settings.CACHE_MIDDLEWARE_SECONDS = 120
    cache.clear()


def test_an_editor_reads_a_segment_with_a_staff_notice_and_it_is_never_cached(a_course, client, make_user):
    client.force_login(make_user("edith", EDITORS))
    url = segment(1, 1).url
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Private lesson 1.1" in body
    assert NOTICE in body
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]

    client.logout()
    client.cookies.clear()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "Private lesson" not in anonymous.content.decode()


def test_an_editor_reads_the_whole_course_outline(a_course, client, make_user):
    client.force_login(make_user("edith", EDITORS))
    response = client.get(a_course.url)
    assert response.status_code == 200
    assert NOTICE in response.content.decode()


def test_staff_without_edit_rights_on_the_page_still_get_the_public_overview(a_course, client, make_user):
    # Moderators hold no page permission; translators only the Spanish tree's.
    for username, group in (("mo", MODERATORS), ("tran", TRANSLATORS)):
        client.force_login(make_user(username, group))
        response = client.get(segment(1, 1).url)
        assert response.status_code == 302, group
        assert "Private lesson" not in client.get(response["Location"]).content.decode()


def test_the_staff_notice_is_in_spanish_on_a_spanish_segment(a_bilingual_course, client, make_user):
    client.force_login(make_user("edith", EDITORS))
    response = client.get(segment(1, 1, "es").url)
    assert response.status_code == 200
    assert "Está viendo esta página solo para miembros como parte del equipo." in response.content.decode()


def test_staff_cannot_post_to_a_course_page(a_course, client, make_user):
    client.force_login(make_user("edith", EDITORS))
    response = client.post(segment(1, 1).url)
    assert response.status_code == 302
