"""One pagination include for every listing (blog, podcast, search, member directory)."""

from pathlib import Path

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
INCLUDE = "cms/includes/pagination.html"


def render(page_obj, query):
    request = RequestFactory().get("/listing/", query)
    context = {"page_obj": page_obj, "label": "Pages", "previous_label": "Newer", "next_label": "Older"}
    return render_to_string(INCLUDE, context, request=request)


def test_links_keep_the_search_and_filters_and_replace_the_page():
    page = Paginator(range(30), 10).get_page(2)
    html = render(page, {"q": "calm talk", "relationship": "friend", "page": "2"})
    assert 'rel="prev" href="?q=calm+talk&amp;relationship=friend&amp;page=1"' in html
    assert 'rel="next" href="?q=calm+talk&amp;relationship=friend&amp;page=3"' in html
    assert "Page 2 of 3" in html
    with translation.override("es"):
        assert "Página 2 de 3" in render(page, {})


def test_a_single_page_shows_no_pagination():
    assert render(Paginator(range(3), 10).get_page(1), {}).strip() == ""


def test_a_page_without_a_total_shows_only_its_links():
    """The search does not count its results: its page has no paginator, and no "Page N of M"."""
    page = type("Page", (), {"has_other_pages": True, "has_previous": False, "has_next": True, "number": 1})()
    page.next_page_number = lambda: 2
    html = render(page, {"q": "x"})
    assert 'href="?q=x&amp;page=2"' in html and " of " not in html


def test_every_listing_uses_the_one_include():
    listings = [
        # The blog's and the podcast's listings are parts every reader shares (cms.shared_pieces).
        "blog/templates/blog/includes/blog_listing.html",
        "blog/templates/blog/includes/podcast_episodes.html",
        "cms/templates/cms/search.html",
        "members/templates/members/directory.html",
    ]
    for listing in listings:
        assert f'{{% include "{INCLUDE}"' in (ROOT / listing).read_text(), listing
    # And no other site template writes its own page links (Wagtail's admin listings have theirs).
    own = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("*/templates/**/*.html")
        if "previous_page_number" in path.read_text() and "/admin/" not in str(path)
    ]
    assert own == ["cms/templates/cms/includes/pagination.html"]
