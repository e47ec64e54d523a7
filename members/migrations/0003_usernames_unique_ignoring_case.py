"""A pseudonym is unique whatever its capitals, also for accounts made in the admin or the shell.

Sign-up already refuses "Alice" beside "alice"; this index makes the database refuse it too, so
a profile URL can never name two people. LOWER() indexes work on PostgreSQL and SQLite alike.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_editors_manage_members"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE UNIQUE INDEX members_username_unique_ignoring_case ON auth_user (LOWER(username));",
            reverse_sql="DROP INDEX members_username_unique_ignoring_case;",
        )
    ]
