from django.apps import AppConfig


class CmsConfig(AppConfig):
    """Site-wide things: the image and media models, footer snippets, base templates."""

    name = "cms"
    verbose_name = "Site"
