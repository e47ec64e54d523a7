"""Comments never hold an email address: blank the ones copied into rows before that rule."""

from django.db import migrations


def blank_emails(apps, schema_editor):
    Comment = apps.get_model("django_comments", "Comment")
    Comment.objects.exclude(user_email="").update(user_email="")


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_moderators_and_editors"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [migrations.RunPython(blank_emails, migrations.RunPython.noop)]
