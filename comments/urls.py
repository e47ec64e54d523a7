"""Comment routes, mounted inside i18n_patterns so every message is in the visitor's language."""

from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("comments/post/", views.post_comment, name="post"),
    path("comments/<int:pk>/report/", views.report_comment, name="report"),
    path("comments/<int:pk>/delete/", views.delete_comment, name="delete"),
    path("comments/<int:pk>/mute/", views.mute_author, name="mute"),
    path("comments/<int:pk>/unmute/", views.unmute_author, name="unmute"),
    path("comments/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("comments/policy/", views.policy, name="policy"),
]
