"""Site search from the outside: the visitor's language only, members-only pages only for members."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.models import HomePage, StandardPage

# With nothing kept and with the shared cache (results kept per phrase and reader): tests/conftest.py each_cache.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache")]


def add_page(parent, title, slug, intro=""):
    page = parent.add_child(instance=StandardPage(title=title, slug=slug, intro=intro))
    page.save_revision().publish()
    return page


@pytest.fixture
def a_translated_page(a_spanish_home_page, translate):
    home = HomePage.objects.get(locale__language_code="en")
    page = add_page(home, "Rewarding sober moments", "rewarding", "Small rewards for time without alcohol")
    translate(
        page,
        {
            "Rewarding sober moments": "Recompensar los momentos sobrios",
            "rewarding": "recompensar",
            "Small rewards for time without alcohol": "Pequeñas recompensas por el tiempo sin alcohol",
        },
    )
    return page


@pytest.fixture
def a_members_only_page(a_home_page):
    page = add_page(a_home_page, "Members rehearsal guide", "rehearsal")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name="Members")[0])
    return page


def titles(response):
    return [page.title for page in response.context["results"]]


def test_english_search_finds_english_pages_only(a_translated_page, client):
    response = client.get("/search/", {"q": "rewards"})
    assert response.status_code == 200
    assert titles(response) == ["Rewarding sober moments"]
    assert '<html lang="en">' in response.content.decode()


def test_spanish_search_finds_the_spanish_translation_only(a_translated_page, client):
    response = client.get("/es/buscar/", {"q": "recompensas"})
    assert titles(response) == ["Recompensar los momentos sobrios"]
    assert client.get("/es/buscar/", {"q": "rewards"}).context["results"].count == 0
    assert "1 resultado" in response.content.decode()


def test_anonymous_visitors_never_find_members_only_pages_but_members_do(a_members_only_page, client, make_user):
    assert titles(client.get("/search/", {"q": "rehearsal"})) == []
    client.force_login(make_user("not_yet_verified"))
    assert titles(client.get("/search/", {"q": "rehearsal"})) == []
    client.force_login(make_user("rosa", "Members"))
    assert titles(client.get("/search/", {"q": "rehearsal"})) == ["Members rehearsal guide"]


def test_results_are_never_kept_by_a_shared_cache(a_translated_page, client):
    assert client.get("/search/", {"q": "rewards"})["Cache-Control"] == "private, no-store"


def test_an_overlong_or_hostile_query_gets_a_clear_error_in_the_visitors_language(a_spanish_home_page, client):
    response = client.get("/es/buscar/", {"q": "x" * 101})
    assert response.status_code == 400
    assert "100 caracteres como máximo" in response.content.decode()
    assert client.get("/search/", {"q": "a\x00b"}).status_code == 400
    script = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in script


def test_a_results_page_costs_the_same_queries_however_many_pages_match(a_home_page, client):
    def queries_for_a_search():
        client.get("/search/", {"q": "listening"})  # warm per-process caches (site root, content types)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/search/", {"q": "listening"})
        assert response.status_code == 200
        return len(queries)

    for number in range(3):
        add_page(a_home_page, f"Listening skills {number}", f"listening-{number}")
    few = queries_for_a_search()
    for number in range(3, 30):
        add_page(a_home_page, f"Listening skills {number}", f"listening-{number}")
    assert queries_for_a_search() == few
    # The page chrome, privacy, the synonyms, the safety hold's words, one search, the pages.
    assert few <= 14


def test_results_are_paged_without_counting_them(a_home_page, client):
    for number in range(12):
        add_page(a_home_page, f"Listening skills {number}", f"listening-{number}")
    client.get("/search/", {"q": "skills"})  # warm per-process caches (another phrase: no kept results)
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/search/", {"q": "listening"})
    # The text search runs once: no COUNT(*) beside it.
    searches = [query["sql"] for query in queries.captured_queries if "cms_searchentry" in query["sql"]]
    assert len(searches) == 1, searches
    assert "COUNT(" not in searches[0]
    assert len(titles(first)) == 10
    html = first.content.decode()
    assert "Results 1–10" in html
    assert 'rel="next"' in html and 'rel="prev"' not in html

    second = client.get("/search/", {"q": "listening", "page": "2"})
    assert len(titles(second)) == 2
    assert not set(titles(first)) & set(titles(second))
    html = second.content.decode()
    assert "Results 11–12" in html
    assert 'rel="prev"' in html and 'rel="next"' not in html

    # Nonsense and pages past the end give the first page.
    assert titles(client.get("/search/", {"q": "listening", "page": "x"})) == titles(first)
    assert titles(client.get("/search/", {"q": "listening", "page": "9"})) == titles(first)


def test_the_search_expression_has_its_own_index():
    """The index Wagtail's search needs to be planned well (cms migration 0004)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry' AND indexname = %s",
            ["wagtailsearch_indexentry_title_body_gin"],
        )
        (definition,) = cursor.fetchone()
    assert "USING gin (((title || body)))" in definition


def test_a_page_published_after_a_search_is_found_by_the_next_one(a_home_page, client):
    assert titles(client.get("/search/", {"q": "rehearsal"})) == []
    add_page(a_home_page, "Rehearsing a calm talk", "rehearsing")
    assert titles(client.get("/search/", {"q": "rehearsal"})) == ["Rehearsing a calm talk"]
