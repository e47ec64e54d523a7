"""Each page type stays light for a phone: under 60 KB of HTML+CSS+JS, images aside (issue 18).

Bytes, not timings: the same demo renders the same pages, so this holds on any machine. `make
bench` prints the same measure for the large dataset (bench/measure.py).
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.test import Client

from cms.page_weight import BUDGET_BYTES, linked_assets, page_weight
from tests.cms.page_types import DEMO_MEMBER, demo_page_types

pytestmark = pytest.mark.django_db


def static_file(url):
    path = finders.find(url.split("?")[0].removeprefix("/static/"))
    assert path, f"{url} is linked but not a static file"
    with open(path, "rb") as file:  # noqa: PTH123
        return file.read()


def test_assets_are_read_from_stylesheet_links_and_script_sources():
    html = '<link rel="stylesheet" href="/a.css"><link rel="icon" href="/i.ico"><script src="/s.js" defer></script>'
    assert linked_assets(html) == ["/a.css", "/s.js"]
    assert page_weight(html, lambda url: b"x" * 10)["total"] == len(html) + 20


def test_every_page_type_weighs_under_60_kb_of_html_css_and_js_in_both_languages(demo):
    anonymous, member = Client(), Client()
    member.force_login(get_user_model().objects.get(username=DEMO_MEMBER))
    weights = {}
    for language in ("en", "es"):
        for label, path, as_member in demo_page_types(language):
            response = (member if as_member else anonymous).get(path)
            assert response.status_code == 200, (language, label, path, response.status_code)
            weights[(language, label)] = page_weight(response.content, static_file)["total"]
    heavy = {key: f"{total / 1024:.1f} KB" for key, total in weights.items() if total >= BUDGET_BYTES}
    assert not heavy, heavy
    assert min(weights.values()) > 5 * 1024, "each page links the stylesheet and the script"
