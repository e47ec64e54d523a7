"""Editors and Moderators keep the topics and podcast guests up to date, as they do the pages using them."""

from django.db import migrations

MODELS = {"topic": "topic", "guest": "podcast guest"}
ACTIONS = ["add", "change", "delete", "view"]
STAFF_GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    # Permissions are normally created after all migrations; create them now so they can be granted.
    permissions = []
    for model, name in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="blog", model=model)
        permissions += [
            Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {name}"}
            )[0]
            for action in ACTIONS
        ]
    for group in Group.objects.filter(name__in=STAFF_GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    permissions = Permission.objects.filter(content_type__app_label="blog", codename__in=codenames)
    for group in Group.objects.filter(name__in=STAFF_GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0007_podcast_feed_state"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
