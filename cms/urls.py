from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from .health import healthz
from .search import search
from .security import ThrottledDjangoAdminLoginForm
from .sitemaps import BilingualSitemap
from .views import robots_txt

# Staff logins count failed attempts like the members' login (cms.security).
admin.site.login_form = ThrottledDjangoAdminLoginForm
# A lost database shows a friendly 503 in the visitor's language, any other crash a plain 500.
handler500 = "cms.errors.server_error"

# Admin, documents and machine-readable files live outside i18n_patterns: one URL each.
urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": BilingualSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# English at /, Spanish at /es/, each in its own words (/es/cuentas/, /es/miembros/: the apps'
# patterns are translated; cms.translated_paths redirects the old English-worded Spanish paths).
# Wagtail's page serving comes last: it matches every path.
urlpatterns += i18n_patterns(
    path(_("accounts/"), include("allauth.urls")),
    path("", include("members.urls")),
    path("", include("learning.urls")),
    path("", include("blog.urls")),
    path("", include("comments.urls")),
    path(_("search/"), search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
