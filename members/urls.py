"""URLs of the members app, mounted inside i18n_patterns by cms/urls.py (so also under /es/)."""

from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("members/", views.directory, name="directory"),
    path("members/me/", views.edit_profile, name="edit_profile"),
    path("members/me/data/", views.download_data, name="download_data"),
    path("members/me/delete/", views.delete_account, name="delete_account"),
    path("members/me/muted/<int:pk>/unmute/", views.unmute_member, name="unmute"),
    path("members/goodbye/", views.account_deleted, name="account_deleted"),
    path("members/<str:username>/", views.profile, name="profile"),
    path("members/<str:username>/picture/", views.picture, name="picture"),
    path("members/<str:username>/mute/", views.mute_member, name="mute"),
]
