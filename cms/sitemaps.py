from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .privacy import public


class BilingualSitemap(Sitemap):
    """Wagtail's sitemap covers the site root only; ours covers the root of every language.

    The Spanish home page is a sibling of the English one, not a descendant, so the stock sitemap
    would leave out the whole Spanish tree. Private pages stay out through `cms.privacy.public`
    (Wagtail's `.public()`, which also keeps out aliases of private pages).
    """

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_language_tree = Q()
        for root in roots:
            in_a_language_tree |= Q(path__startswith=root.path)
        pages = public(Page.objects.filter(in_a_language_tree).live())
        return pages.order_by("path").defer_streamfields().specific()
