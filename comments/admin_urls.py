from django.urls import path

from . import admin_views

app_name = "comments_moderation"

urlpatterns = [
    path("", admin_views.moderation_queue, name="queue"),
    path("moderate/", admin_views.moderate, name="moderate"),
    path("<int:pk>/content-note/", admin_views.content_note, name="content_note"),
    path("language-report/", admin_views.language_report, name="language_report"),
    path("advice-report/", admin_views.advice_report, name="advice_report"),
]
