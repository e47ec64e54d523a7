"""Editors and Moderators moderate comments and keep the comment rules (policy, word lists) up to date."""

from django.db import migrations

STAFF_GROUPS = ["Editors", "Moderators"]
RULE_MODELS = {
    "commentpolicy": "comment policy",
    "languagesuggestion": "person-first language suggestion",
    "safetyterm": "safety term",
}


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    # Permissions are normally created after all migrations; create them now so they can be granted.
    moderate_type, _ = ContentType.objects.get_or_create(app_label="django_comments", model="comment")
    permissions = [
        Permission.objects.get_or_create(
            content_type=moderate_type, codename="can_moderate", defaults={"name": "Can moderate comments"}
        )[0]
    ]
    for model, name in RULE_MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="comments", model=model)
        for action in ("add", "change", "delete"):
            permissions.append(
                Permission.objects.get_or_create(
                    content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {name}"}
                )[0]
            )
    return permissions


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = _permissions(apps)
    for group in Group.objects.filter(name__in=STAFF_GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = _permissions(apps)
    for group in Group.objects.filter(name__in=STAFF_GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
