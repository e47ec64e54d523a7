from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.admin.forms.account import NameEmailForm

        from . import signals  # noqa: F401 (connects receivers)

        # Wagtail's Account page saves every panel in one form, and its name panel requires a first
        # and last name: staff without names (pseudonymous, like everyone here) could not even change
        # their preferred language. Names stay optional, as they are on the user model.
        for name in ("first_name", "last_name"):
            NameEmailForm.base_fields[name].required = False
