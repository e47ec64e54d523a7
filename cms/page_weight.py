"""What a page costs a phone to load, images aside: its HTML plus every stylesheet and script it links.

Issue 18 keeps each page type under 60 KB of HTML+CSS+JS (pages weighed 18-45 KB before the
phone-first header). Bytes are counted as sent without compression, so the number is the same on
every run; `make bench` (bench/measure.py) prints it per page type and tests/cms/test_page_weight.py
holds each page type to the budget.
"""

from html.parser import HTMLParser

BUDGET_BYTES = 60 * 1024


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split() and attributes.get("href"):
            self.urls.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.urls.append(attributes["src"])


def linked_assets(html):
    """The stylesheets and scripts a page links, each once, in document order."""
    parser = _Assets()
    parser.feed(html)
    return list(dict.fromkeys(parser.urls))


def page_weight(html, fetch):
    """{"html": bytes, "assets": {url: bytes}, "total": bytes}; `fetch(url)` returns an asset's body."""
    body = html.encode() if isinstance(html, str) else html
    assets = {url: len(fetch(url)) for url in linked_assets(body.decode())}
    return {"html": len(body), "assets": assets, "total": len(body) + sum(assets.values())}
