"""Once gave Editors and Moderators the question inbox; cms.roles grants it now, at every migrate."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0002_qa_posts_and_question_inbox"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
