"""Editors and Moderators work the question inbox; nobody else (translators included) sees it."""

from django.db import migrations

INBOX_PERMISSIONS = [("view", "Can view member question"), ("change", "Can change member question")]
STAFF_GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    # Permissions are normally created after all migrations; create them now so they can be granted.
    content_type, _ = ContentType.objects.get_or_create(app_label="blog", model="questionsubmission")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_questionsubmission", defaults={"name": name}
        )[0]
        for action, name in INBOX_PERMISSIONS
    ]
    for group in Group.objects.filter(name__in=STAFF_GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="blog", codename__in=[f"{action}_questionsubmission" for action, _ in INBOX_PERMISSIONS]
    )
    for group in Group.objects.filter(name__in=STAFF_GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0002_qa_posts_and_question_inbox"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
