"""Our pages at allauth's own addresses, mounted under accounts/ just ahead of allauth's (cms.urls).

allauth sends a suspended account that tries to log in to `account_inactive`, a page with one
message: it is one of the site's message pages instead of an allauth template. The name stays
allauth's, on its pattern; it reverses to this same address.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("inactive/", views.account_inactive),
]
