"""The safety plan lives in the member's own area, beside the profile (mounted in i18n_patterns)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "safety"

urlpatterns = [
    path(_("members/me/safety-plan/"), views.safety_plan, name="plan"),
    # Under the plan's path, so the worker's default scope is the plan page and nothing else.
    path(_("members/me/safety-plan/sw.js"), views.service_worker, name="service_worker"),
]
