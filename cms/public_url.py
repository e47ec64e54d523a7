"""The site's one public address, `WAGTAILADMIN_BASE_URL`, and the Wagtail `Site` that follows it.

Every absolute link the site writes starts with this address: pages, feeds, the sitemap,
canonical links, emails, the data export and admin links. Wagtail builds page URLs
(`page.full_url`) from the default `Site`'s hostname and port, so that record is derived from the
setting at every `migrate` and by the demo loader instead of being typed in by hand: a `Site` left
at Wagtail's `localhost:80` sent every feed reader and email link to a port nothing listened on.
Links are never built from the request's Host header, which the visitor chooses.
"""

from urllib.parse import urlsplit, urlunsplit

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.sites.management import create_default_site
from django.db import DEFAULT_DB_ALIAS


def base_url():
    """`https://craft.example.org`: the scheme, host and port, without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(url):
    """A path (or a URL built from a request) moved onto the public address, query and fragment kept."""
    parts = urlsplit(url)
    return base_url() + urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))


def site_address():
    """The hostname and port the default `Site` must hold for `Site.root_url` to be `base_url()`."""
    parts = urlsplit(base_url())
    return {"hostname": parts.hostname, "port": parts.port or (443 if parts.scheme == "https" else 80)}


def sync_default_site(using=DEFAULT_DB_ALIAS):
    """Point the default Wagtail `Site` (and Django's, read by the Django admin's "View on site") at
    the public address; returns the Wagtail site when it had to change."""
    from django.contrib.sites.models import Site as DjangoSite
    from wagtail.models import Site

    domain = urlsplit(base_url()).netloc
    django_site = DjangoSite.objects.using(using).filter(pk=settings.SITE_ID).first()
    if django_site is not None and django_site.domain != domain:
        django_site.domain = domain
        django_site.save(using=using, update_fields=["domain"])

    address = site_address()
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None or all(getattr(site, field) == value for field, value in address.items()):
        return None
    for field, value in address.items():
        setattr(site, field, value)
    # A real save: Wagtail forgets its cached site root paths and the page cache retires its copies.
    site.save(using=using, update_fields=list(address))
    return site


def sync_default_site_after_migrate(using=DEFAULT_DB_ALIAS, apps=None, verbosity=1, stdout=None, **kwargs):
    """`manage.py migrate` (run by `make run` and every deploy) keeps the sites on the configured address."""
    if apps is not None:
        try:
            apps.get_model("wagtailcore", "Site")
            apps.get_model("sites", "Site")
        except LookupError:  # a partial migrate that stopped before these tables
            return
    # Django creates its example.com site after our handler on a new database: create it first.
    create_default_site(django_apps.get_app_config("sites"), verbosity=0, using=using)
    site = sync_default_site(using)
    if site is not None and verbosity and stdout is not None:
        stdout.write(f"  The default site now answers at {site.root_url} (WAGTAILADMIN_BASE_URL).")
