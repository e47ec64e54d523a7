"""Editors may view members and suspend or reinstate them; no other group gets these permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = ["view_memberprofile", "change_memberprofile"]


def grant_editors(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure ours exist already.
    app_config = apps.get_app_config("members")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="members", codename__in=PERMISSIONS)
    )


def revoke_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="members", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant_editors, revoke_editors)]
