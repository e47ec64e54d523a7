"""URLs of the members app, mounted inside i18n_patterns by cms/urls.py (so also under /es/).

The paths are translated: /es/miembros/... (the old English-worded ones redirect, see cms.urls).
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "members"

urlpatterns = [
    path(_("members/"), views.directory, name="directory"),
    path(_("members/me/"), views.edit_profile, name="edit_profile"),
    path(_("members/me/data/"), views.download_data, name="download_data"),
    path(_("members/me/data/read/"), views.your_data, name="your_data"),
    path(_("members/me/delete/"), views.delete_account, name="delete_account"),
    path(_("members/me/muted/<int:pk>/unmute/"), views.unmute_member, name="unmute"),
    path(_("members/goodbye/"), views.account_deleted, name="account_deleted"),
    path(_("members/<str:username>/"), views.profile, name="profile"),
    path(_("members/<str:username>/picture/"), views.picture, name="picture"),
    path(_("members/<str:username>/mute/"), views.mute_member, name="mute"),
]
