"""Site-wide template tags: navigation, language switching and the crisis-resources footer."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from cms.locales import active_locale, default_locale, localized
from cms.models import CrisisResource, SiteFooter
from cms.page_cache import cached_with_pages
from cms.public_url import absolute
from cms.shared_pieces import render_part

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the active language (the English one when it has no translation).

    Kept on the request: the header asks for it twice (the site name and the main menu).
    """
    request = context["request"]
    language = translation.get_language()
    cached = getattr(request, "_localized_home", None)
    if cached is not None and cached[0] == language:
        return cached[1]
    root = _site_root(request)
    home = cached_with_pages("home", f"{root.pk}-{language}", lambda: localized(root)) if root else None
    request._localized_home = (language, home)
    return home


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """The home page's menu children, each marked `current` when the visitor is inside it."""
    home = localized_home(context)
    if home is None:
        return []
    page = context.get("page")
    here = page.path if isinstance(page, Page) else ""
    items = cached_with_pages("menu", home.pk, lambda: list(home.get_children().live().in_menu()))
    return [{"page": item, "current": bool(here) and here.startswith(item.path)} for item in items]


UNTRANSLATED_PARAMETER = "untranslated"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language, for both the switcher and the hreflang alternates (see `page_in_languages`)."""
    page = context.get("page")
    return page_in_languages(context["request"], page if isinstance(page, Page) else None)


def page_in_languages(request, page):
    """Where the reader is, in each language: the switcher's links and the hreflang alternates.

    On a Wagtail page, each link goes to that page's live translation, and on one of its sub-routes
    (a topic or month archive, a transcript, an exercise) to the same sub-route there, keeping the
    query string (page N of a listing). When there is no translation, it goes to the translation of
    the nearest section above it (the Spanish blog for an English-only post, say), or the other
    home page, with a flag that makes that page say so politely; such a link is `exact=False` and
    never announced as an alternate. Elsewhere (accounts, members' pages, search) the current URL
    is translated by Django's URL patterns. The exact link of the default language is also the
    `x-default` alternate.
    """
    current = translation.get_language()
    query = request.GET.copy()
    query.pop(UNTRANSLATED_PARAMETER, None)
    query = f"?{query.urlencode()}" if query else ""
    translations = {}
    match = None
    if page is not None:
        site = Site.find_for_request(request)
        translations = cached_with_pages(
            "translations", f"{page.pk}-{site.pk if site else 0}", lambda: _translations_by_language(request, page)
        )
        routed = getattr(request, "routable_resolver_match", None)
        if routed is not None and getattr(getattr(routed.func, "__self__", None), "pk", None) == page.pk:
            match = routed
    links = []
    for code, _name in settings.LANGUAGES:
        url, exact = None, True
        if page is not None:
            target, target_url, is_section = translations.get(code, (None, None, False))
            subpage = ""
            if target is not None and match is not None and hasattr(page, "counterpart_subpage"):
                subpage = page.counterpart_subpage(target, match)
            if is_section:
                url, exact = f"{target_url}?{UNTRANSLATED_PARAMETER}=1", False
            elif target is not None and subpage is not None:
                url = target_url + subpage + query
            elif target is not None:
                # The sub-route has no counterpart there (an untranslated topic): its page in that language.
                url, exact = f"{target_url}?{UNTRANSLATED_PARAMETER}=1", False
        else:
            url = translate_url(request.path, code) + query
        if url:
            links.append(
                {
                    "code": code,
                    "name": translation.get_language_info(code)["name_local"],
                    "url": url,
                    "full_url": absolute(url),
                    "current": code == current,
                    "exact": exact,
                    "x_default": exact and code == settings.LANGUAGE_CODE,
                }
            )
    return links


def _translations_by_language(request, page):
    """{language: (its live translation or nearest translated section, its URL, is a section)}.

    The same for every reader of the page, so kept with the page chrome (`cached_with_pages`).
    """
    translations = {
        p.locale.language_code: (p, p.get_url(request), False)
        for p in page.get_translations(inclusive=True).live().select_related("locale")
    }
    if len(translations) < len(settings.LANGUAGES):
        for code, section in _nearest_translated_sections(page).items():
            translations.setdefault(code, (section, section.get_url(request), True))
    return translations


def _nearest_translated_sections(page):
    """For each language, the live translation of the closest ancestor that has one (one query)."""
    ancestors = list(page.get_ancestors().filter(depth__gt=1).only("translation_key", "depth"))
    depth_of = {ancestor.translation_key: ancestor.depth for ancestor in ancestors}
    candidates = (
        Page.objects.live()
        .filter(translation_key__in=depth_of)
        .select_related("locale")
        .order_by("locale_id", "-depth")
    )
    nearest = {}
    for candidate in candidates:
        code = candidate.locale.language_code
        if code not in nearest or depth_of[candidate.translation_key] > depth_of[nearest[code].translation_key]:
            nearest[code] = candidate
    return nearest


@register.simple_tag(takes_context=True)
def crisis_resources(context, place="page"):
    """The crisis lines in the reader's language; `place` keeps ids unique (header panel, page, footer).

    The same for every reader: rendered once per language and place and kept with the page chrome.
    The lines are read once a request (the header's "Get help now" and the footer show the same).
    """
    locale = active_locale()
    request = context.get("request")

    def lines():
        cached = getattr(request, "_crisis_resources", None)
        if cached is not None and cached[0] == locale.pk:
            return cached[1]
        resources = list(CrisisResource.objects.filter(locale=locale, live=True))
        resources = resources or list(CrisisResource.objects.filter(locale=default_locale(), live=True))
        if request is not None:
            request._crisis_resources = (locale.pk, resources)
        return resources

    def build():
        return render_part("includes/crisis_resources.html", {"resources": lines(), "place": place}, None)

    return cached_with_pages("crisis", f"{locale.pk}-{place}", build)


@register.simple_tag(takes_context=True)
def site_footer_html(context):
    """The footer's text in the reader's language (the English one when it has none), as HTML: its
    rich text links are expanded once and kept with the page chrome."""
    locale = active_locale()

    def build():
        footer = SiteFooter.objects.filter(locale=locale, live=True).first()
        footer = footer or SiteFooter.objects.filter(locale=default_locale(), live=True).first()
        return render_part("includes/site_footer_text.html", {"footer": footer}, context.get("request"))

    return cached_with_pages("footer", locale.pk, build)


@register.inclusion_tag("includes/credited_figure.html")
def credited_figure(image, spec, class_name, alt=""):
    """`image` as the rendition `spec` ("fill-960x540"), in a <figure class="`class_name`"> with its
    photo credit: how pages show a featured picture, a hero, a guest's photo or the show's artwork."""
    return {"image": image, "img": image.get_rendition(spec).img_tag({"alt": alt}), "class_name": class_name}


@register.simple_tag
def quick_exit_url():
    """The neutral site "Exit this page" leads to, in the reader's language (settings.QUICK_EXIT_URLS)."""
    urls = settings.QUICK_EXIT_URLS
    return urls.get(translation.get_language()) or urls[settings.LANGUAGE_CODE]


@register.simple_tag
def share_card():
    """What a shared link shows (Open Graph, Twitter): the share image at the public address, and
    the reader's language as a locale (`es_US`: the site writes US Spanish)."""
    from django.templatetags.static import static

    return {
        "image": absolute(static("icons/share.png")),
        "locale": f"{translation.get_language()}_US",
    }
