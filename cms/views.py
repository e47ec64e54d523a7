import json

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from .public_url import absolute

# The same areas at their Spanish paths (the English-worded /es/ paths only redirect there now).
TRANSLATED_DISALLOWED_AREAS = (_("accounts/"), _("members/"), _("search/"))


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    """Keep crawlers out of the admin, accounts and members' areas; point them at the sitemap."""
    with translation.override("es"):
        spanish_disallows = [f"Disallow: /es/{area}" for area in TRANSLATED_DISALLOWED_AREAS]
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /accounts/",
        "Disallow: /es/accounts/",
        "Disallow: /members/",
        "Disallow: /es/members/",
        "Disallow: /search/",
        "Disallow: /es/search/",
        *spanish_disallows,
        f"Sitemap: {absolute(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def web_manifest(request):
    """The app manifest in the reader's language: what a phone shows for a bookmark on its home screen."""
    home = reverse("wagtail_serve", args=[""])
    manifest = {
        "name": gettext("CRAFT Family Support"),
        "short_name": "CRAFT",
        "description": gettext("Support and learning for families and partners of a person who uses substances."),
        "lang": translation.get_language(),
        "start_url": home,
        "scope": home,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1f5f4a",
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return HttpResponse(json.dumps(manifest, ensure_ascii=False), content_type="application/manifest+json")


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page says: send them the icon."""
    # Temporary: the icon's address carries a content hash that changes with the icon.
    return HttpResponseRedirect(static("icons/favicon.ico"))


def message_page(request, title, paragraphs, link=None, status=200):
    """A page that only says something: `title`, then each of `paragraphs`, then `link` as (url, text)."""
    context = {"title": title, "paragraphs": paragraphs}
    if link:
        context["link"] = {"url": link[0], "text": link[1]}
    return render(request, "cms/message_page.html", context, status=status)


@requires_csrf_token
def page_not_found(request, exception):
    """handler404: any address that leads nowhere, in the language of its path, with a way home."""
    return message_page(
        request,
        _("Page not found"),
        [_("Sorry, we could not find that page. It may have moved, or it may be for members only.")],
        link=(reverse("wagtail_serve", args=[""]), _("Go to the home page")),
        status=404,
    )


@requires_csrf_token
def too_many_requests(request):
    """handler429, which allauth answers its rate limits with (log in, sign up, password reset...).

    One message for every limit, so it never tells whether an account or email exists.
    """
    return message_page(
        request,
        _("Please wait a moment"),
        [_("There have been too many attempts from this connection. Please wait a few minutes and try again.")],
        status=429,
    )


# What "Exit this page" does and what it cannot hide: each a heading over its points.
QUICK_EXIT_SECTIONS = (
    (
        _("What it does"),
        (
            _("Select the “Exit this page” button at the top of any page, or press the Shift key three times."),
            _(
                "This site is replaced at once by a weather page. The page you were reading is taken out of this "
                "tab’s Back button where your browser allows it."
            ),
            _(
                "It works without JavaScript too: the button is then a plain link, and the Back button can still "
                "return to our page."
            ),
        ),
    ),
    (
        _("What it does not hide"),
        (
            _(
                "Your browser history still lists the other pages of this site you visited. Delete them from your "
                "history, or use a private window, which keeps no history."
            ),
            _("Other open tabs, bookmarks and emails from us stay where they are."),
            _("It does not log you out. On a shared device, log out when you finish."),
        ),
    ),
)


def quick_exit_help(request):
    """What "Exit this page" does and what it cannot hide, in the reader's language."""
    return render(request, "cms/quick_exit.html", {"sections": QUICK_EXIT_SECTIONS})
