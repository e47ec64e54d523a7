"""Comment routes, mounted inside i18n_patterns so every message is in the visitor's language.

The paths are translated: /es/comentarios/... (the old English-worded ones redirect, see cms.urls).
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "comments"

urlpatterns = [
    path(_("comments/post/"), views.post_comment, name="post"),
    path(_("comments/<int:pk>/report/"), views.report_comment, name="report"),
    path(_("comments/<int:pk>/reported/"), views.reported, name="reported"),
    path(_("comments/<int:pk>/edit/"), views.edit_comment, name="edit"),
    path(_("comments/<int:pk>/delete/"), views.delete_comment, name="delete"),
    path(_("comments/<int:pk>/mute/"), views.mute_author, name="mute"),
    path(_("comments/<int:pk>/unmute/"), views.unmute_author, name="unmute"),
    path(_("comments/unsubscribe/<str:token>/"), views.unsubscribe, name="unsubscribe"),
    path(_("comments/policy/"), views.policy, name="policy"),
]
