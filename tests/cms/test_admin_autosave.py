"""New pages never lose typed text to autosave (Wagtail 8)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.blog.factories import make_blog

pytestmark = pytest.mark.django_db


def edit_form(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser").find("form", id="page-edit-form")


def test_creating_a_page_never_autosaves_a_draft_but_editing_an_existing_page_does(
    client, a_home_page, django_user_model
):
    """Autosave on the create form made a real draft from a half-typed title: the slug was then "already in
    use" and "Autosave is paused" showed while typing. Creating keeps Wagtail's unsaved-changes warning."""
    client.force_login(django_user_model.objects.create_superuser("admin-x", "admin-x@example.org", "x-password-9"))
    blog = make_blog(a_home_page)

    create = edit_form(client, reverse("wagtailadmin_pages:add", args=["blog", "qapostpage", blog.pk]))
    assert "w-autosave" not in create["data-controller"]
    assert "w-unsaved" in create["data-controller"]
    assert "beforeunload@window->w-unsaved#confirm" in create["data-action"]

    edit = edit_form(client, reverse("wagtailadmin_pages:edit", args=[blog.pk]))
    assert "w-autosave" in edit["data-controller"]
