"""Reading absolute links out of what the site sends: emails, feeds, sitemaps, pages, exports."""

import re
from urllib.parse import urlsplit

from django.conf import settings

LINK = re.compile(r"https?://[^\s<>\"'()\[\]{}]+")
# XML namespaces and document type declarations (Wagtail's HTML emails) are names, not links.
NAMESPACE = re.compile(r"""xmlns(?::\w+)?=["'][^"']*["']|<!DOCTYPE[^>]*>""", re.IGNORECASE)
# Where the site sends people on purpose: crisis lines and the national treatment finder.
ELSEWHERE = {"988lifeline.org", "988lineadevida.org", "www.samhsa.gov", "findtreatment.gov"}


def absolute_links(text):
    return [url.rstrip(".,;:") for url in LINK.findall(NAMESPACE.sub("", text))]


def off_the_public_address(urls):
    """The links that neither start with WAGTAILADMIN_BASE_URL nor lead to a service we name on purpose."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    # "Exit this page" leads to a neutral site on purpose (settings.QUICK_EXIT_URLS).
    elsewhere = ELSEWHERE | {urlsplit(url).hostname for url in settings.QUICK_EXIT_URLS.values()}
    return [
        url for url in urls if not (url == base or url.startswith(base + "/") or urlsplit(url).hostname in elsewhere)
    ]


def email_text(message):
    """Everything a mail client shows or acts on: the body, HTML parts and headers (List-Unsubscribe)."""
    parts = [message.subject, message.body]
    parts += [content for content, _mimetype in getattr(message, "alternatives", [])]
    parts += [str(value) for value in message.extra_headers.values()]
    return "\n".join(parts)


# The public address of the test settings (a port the test client never uses).
BASE_URL = settings.WAGTAILADMIN_BASE_URL
