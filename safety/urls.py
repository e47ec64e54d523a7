"""The safety plan lives in the member's own area, beside the profile (mounted in i18n_patterns)."""

from django.urls import path

from . import views

app_name = "safety"

urlpatterns = [
    path("members/me/safety-plan/", views.safety_plan, name="plan"),
    # Under the plan's path, so the worker's default scope is the plan page and nothing else.
    path("members/me/safety-plan/sw.js", views.service_worker, name="service_worker"),
]
