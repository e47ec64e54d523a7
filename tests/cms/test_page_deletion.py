"""Deleting a large page tree needs the site name, even from a request that leaves the field out."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from home.models import StandardPage

pytestmark = pytest.mark.django_db

SITE_NAME = "CRAFT Family Support"


def add_section(parent, slug, children):
    section = parent.add_child(instance=StandardPage(title=slug.title(), slug=slug, intro="A section."))
    for number in range(children):
        section.add_child(instance=StandardPage(title=f"Page {number}", slug=f"page-{number}", intro="A page."))
    return Page.objects.get(pk=section.pk)


@pytest.fixture
def a_large_section(a_home_page, settings):
    settings.WAGTAILADMIN_UNSAFE_PAGE_DELETION_LIMIT = 10
    return add_section(a_home_page, "large", children=9)  # ten pages with the section itself


@pytest.fixture
def superuser_client(client, admin_user):
    client.force_login(admin_user)
    return client


def delete_url(page):
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


def test_the_confirmation_form_asks_for_the_site_name(a_large_section, superuser_client):
    assert 'name="confirm_site_name"' in superuser_client.get(delete_url(a_large_section)).content.decode()


def test_a_superuser_cannot_delete_a_large_tree_without_typing_the_site_name(a_large_section, superuser_client):
    response = superuser_client.post(delete_url(a_large_section), follow=True)
    assert Page.objects.filter(pk=a_large_section.pk).exists()
    assert Page.objects.descendant_of(a_large_section).count() == 9
    assert "type the site name, CRAFT Family Support, to confirm" in response.content.decode()
    assert 'name="confirm_site_name"' in response.content.decode(), "back on the confirmation form"

    superuser_client.post(delete_url(a_large_section), {"confirm_site_name": "craft"})
    assert Page.objects.filter(pk=a_large_section.pk).exists()

    superuser_client.post(delete_url(a_large_section), {"confirm_site_name": SITE_NAME})
    assert not Page.objects.filter(pk=a_large_section.pk).exists()


def test_the_refusal_is_in_spanish_in_a_spanish_admin(a_large_section, superuser_client, admin_user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "es"
    profile.save()
    response = superuser_client.post(delete_url(a_large_section), follow=True)
    assert "escriba el nombre del sitio, CRAFT Family Support, para confirmar" in response.content.decode()


def test_a_small_tree_is_deleted_without_the_site_name(a_home_page, superuser_client, settings):
    settings.WAGTAILADMIN_UNSAFE_PAGE_DELETION_LIMIT = 10
    small = add_section(a_home_page, "small", children=2)
    superuser_client.post(delete_url(small))
    assert not Page.objects.filter(pk=small.pk).exists()


def test_the_bulk_delete_needs_the_site_name_too(a_large_section, superuser_client):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={a_large_section.pk}"
    superuser_client.post(url)
    assert Page.objects.filter(pk=a_large_section.pk).exists()
    superuser_client.post(url, {"confirm_site_name": SITE_NAME})
    assert not Page.objects.filter(pk=a_large_section.pk).exists()
