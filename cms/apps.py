from django.apps import AppConfig


class CmsConfig(AppConfig):
    """Site-wide things: the image and media models, footer snippets, base templates."""

    name = "cms"
    verbose_name = "Site"

    def ready(self):
        # Stamp each new sign-in for the session lifetimes, and record account deletions outside
        # the database for restores (see cms.security and cms.deletion_log).
        from . import deletion_log, security

        security.connect_signals()
        deletion_log.connect_signals()
