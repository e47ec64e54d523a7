from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.views import serve as wagtail_serve

from .admin_access import page_chooser_urls
from .health import healthz
from .protected_media import serve_media, serve_private_rendition, serve_public_media_in_development
from .search import search
from .security import ThrottledDjangoAdminLoginForm
from .sitemaps import BilingualSitemap
from .views import favicon, quick_exit_help, robots_txt, web_manifest

# Staff logins count failed attempts like the members' login (cms.security).
admin.site.login_form = ThrottledDjangoAdminLoginForm
# A lost database shows a friendly 503 in the visitor's language, any other crash a plain 500.
handler500 = "cms.errors.server_error"
handler404 = "cms.views.page_not_found"
# Not Django's: allauth looks for it here (ROOT_URLCONF.handler429) when a rate limit is reached.
handler429 = "cms.views.too_many_requests"

# Admin, documents and machine-readable files live outside i18n_patterns: one URL each.
urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Two page chooser views read pages by id: guarded versions go ahead of Wagtail's (cms.admin_access).
    *page_chooser_urls,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Uploads with an access rule, checked on every request (cms.protected_media).
    path("media-files/<int:pk>/<str:filename>", serve_media, name="media_file"),
    path("private-images/<int:pk>/<str:filename>", serve_private_rendition, name="private_rendition"),
    # Under runserver only, and only what nginx serves as plain files (404 with DEBUG off).
    path("media/<path:path>", serve_public_media_in_development, name="public_media"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": BilingualSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
]

# English at /, Spanish at /es/, each in its own words (/es/cuentas/, /es/miembros/: the apps'
# patterns are translated; cms.translated_paths redirects the old English-worded Spanish paths).
# Wagtail's page serving comes last: it matches every path.
urlpatterns += i18n_patterns(
    path(_("accounts/"), include("members.account_urls")),
    path(_("accounts/"), include("allauth.urls")),
    path("", include("members.urls")),
    path("", include("safety.urls")),
    path("", include("learning.urls")),
    path("", include("blog.urls")),
    path("", include("comments.urls")),
    path(_("search/"), search, name="search"),
    path(_("quick-exit/"), quick_exit_help, name="quick_exit_help"),
    path("manifest.webmanifest", web_manifest, name="web_manifest"),
    # wagtail.urls would mount Django's plain LoginView here, with none of allauth's limits or its
    # email verification: the name Wagtail reverses now leads to the members' login.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
    # Calendar files (the meetings' `.ics`) end in a file name, which Wagtail's own pattern (words
    # and a trailing slash) refuses: they go to the same page routing.
    re_path(r"^((?:[\w\-]+/)+[\w\-]+\.ics)$", wagtail_serve, name="calendar_file"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
