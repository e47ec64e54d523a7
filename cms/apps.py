from django.apps import AppConfig


class CmsConfig(AppConfig):
    """Site-wide things: the image and media models, footer snippets, base templates."""

    name = "cms"
    verbose_name = "Site"

    def ready(self):
        # Stamp each new sign-in for the session lifetimes, record account deletions outside the
        # database for restores, retire cached pages when content changes, and forget the
        # memoised locales when a Locale changes; file image renditions by their collection's privacy.
        from . import deletion_log, locales, mail, page_cache, protected_media, security

        security.connect_signals()
        deletion_log.connect_signals()
        page_cache.connect_signals()
        locales.connect_signals()
        mail.send_wagtail_notifications_from_the_recipients_site_name()
        protected_media.connect_signals()
