from django.urls import path

from . import admin_views

app_name = "comments_moderation"

urlpatterns = [
    path("", admin_views.ModerationQueueView.as_view(), name="queue"),
    path("results/", admin_views.ModerationQueueView.as_view(results_only=True), name="queue_results"),
    path("<int:pk>/content-note/", admin_views.content_note, name="content_note"),
    path("<int:pk>/write-to-member/", admin_views.write_to_member, name="write_to_member"),
    path("language-report/", admin_views.language_report, name="language_report"),
    path("advice-report/", admin_views.advice_report, name="advice_report"),
]
