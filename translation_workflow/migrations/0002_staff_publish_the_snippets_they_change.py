"""Whoever could change a translatable snippet keeps making it public, now that saving makes a draft.

Before draft state, saving a crisis line, topic or word list published it. With it, publishing
needs `publish_<model>` (and locking `lock_`/`unlock_`): every group that held `change_<model>`
gets them, so English editors and moderators work as before. Spanish snippets still go live only
through a Spanish reviewer (translation_workflow.permissions.may_publish_in_locale). The roles
module may later state these grants itself; this keeps the behaviour until then and is idempotent.
"""

from django.db import migrations

REVIEWED_SNIPPETS = {
    "cms": ["crisisresource", "sitefooter"],
    "comments": ["commentpolicy", "languagesuggestion", "safetyterm", "advicephrase"],
    "blog": ["topic", "guest"],
    "safety": ["safetyplantemplate"],
    "learning": ["exercise"],
}
NEW_ACTIONS = {"publish": "Can publish", "lock": "Can lock", "unlock": "Can unlock"}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for app_label, models in REVIEWED_SNIPPETS.items():
        for model in models:
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            groups = Group.objects.filter(
                permissions__content_type=content_type, permissions__codename=f"change_{model}"
            ).distinct()
            if not groups:
                continue
            # Permissions are normally created after all migrations; create them now so they can be granted.
            permissions = [
                Permission.objects.get_or_create(
                    content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"{name} {model}"}
                )[0]
                for action, name in NEW_ACTIONS.items()
            ]
            for group in groups:
                group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("translation_workflow", "0001_initial"),
        ("cms", "0007_snippets_draft_state_and_review"),
        ("comments", "0006_snippets_draft_state_and_review"),
        ("blog", "0012_snippets_draft_state_and_review"),
        ("safety", "0002_snippets_draft_state_and_review"),
        ("learning", "0006_snippets_draft_state_and_review"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
