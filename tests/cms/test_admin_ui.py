"""cms.admin_ui: each app's report or queue is in the admin menu of those who hold its permission only."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

pytestmark = pytest.mark.django_db

# The screen, and the permission its menu item asks for.
SCREENS = {
    "comments_moderation:queue": ("django_comments", "can_moderate"),
    "translation_workflow:status_report": ("wagtail_localize", "submit_translation"),
    "learning_course_use_report": ("learning", "view_exercise"),
}


def admin_menu(client, user):
    client.force_login(user)
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_staff_without_the_permissions_see_none_of_these_menu_items(client, make_user):
    staff = make_user("admin-access-only")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    menu = admin_menu(client, staff)
    for url_name in SCREENS:
        assert f'"{reverse(url_name)}"' not in menu


@pytest.mark.parametrize("url_name", SCREENS)
def test_the_permission_alone_shows_its_own_menu_item(client, make_user, url_name):
    staff = make_user("one-permission")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    app_label, codename = SCREENS[url_name]
    staff.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    menu = admin_menu(client, staff)
    for other in SCREENS:
        assert (f'"{reverse(other)}"' in menu) is (other == url_name)
