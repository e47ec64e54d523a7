"""Once gave Editors and Moderators comment moderation and the word lists; cms.roles grants them now."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
