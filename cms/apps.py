from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class CmsConfig(AppConfig):
    """Site-wide things: the image and media models, footer snippets, base templates."""

    name = "cms"
    verbose_name = "Site"

    def ready(self):
        # Stamp each new sign-in for the session lifetimes, record account deletions outside the
        # database for restores, retire cached pages when content changes, and forget the
        # memoised locales when a Locale changes; file image renditions by their collection's privacy;
        # every migrate puts the default Site on the public address (cms.public_url).
        from . import (
            deletion_log,
            locales,
            mail,
            page_cache,
            protected_media,
            public_url,
            roles,
            search_index,
            security,
        )
        from .translation import quiet_links_read_as_text

        security.connect_signals()
        deletion_log.connect_signals()
        page_cache.connect_signals()
        locales.connect_signals()
        mail.send_wagtail_notifications_from_the_recipients_site_name()
        protected_media.connect_signals()
        # Site search's own index follows publication (cms.search_index).
        search_index.connect_signals()
        post_migrate.connect(public_url.sync_default_site_after_migrate, sender=self)
        # A deploy migrates: pages and pieces cached by the code before it are retired with it.
        post_migrate.connect(page_cache.invalidate, sender=self, dispatch_uid="cms.page_cache.post_migrate")
        post_migrate.connect(search_index.build_if_empty, sender=self, dispatch_uid="site_search_build_if_empty")
        # Every environment gets the roles of cms.roles at each migrate; new sections get theirs.
        post_migrate.connect(roles.apply_roles_after_migrate, sender=self)
        post_save.connect(roles.apply_roles_to_new_sections, dispatch_uid="cms.roles.new_sections")
        quiet_links_read_as_text()
