from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The bilingual demo site as data: installed by the dev and test settings, never in production."""

    name = "demo"
    verbose_name = "Demo content"
