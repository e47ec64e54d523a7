from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "safety"
    verbose_name = _("Safety plans")

    def ready(self):
        from members.registry import account_deletion, data_export

        from .member_data import delete_safety_plan, safety_plan_for

        data_export.register("safety_plan", safety_plan_for)
        account_deletion.register("safety_plan", delete_safety_plan)
