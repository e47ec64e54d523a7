from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationWorkflowConfig(AppConfig):
    name = "translation_workflow"
    verbose_name = _("Spanish translation workflow")

    def ready(self):
        # Signal handlers (privacy mirroring) and system checks (no member-written text in
        # translatable models) register themselves on import.
        from . import checks, privacy  # noqa: F401
