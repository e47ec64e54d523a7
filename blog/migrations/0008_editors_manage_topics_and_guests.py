"""Once gave Editors and Moderators the topics and guests; cms.roles grants them now, at every migrate."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0007_podcast_feed_state"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
