"""The "share, don't advise" phrases, the identifying places list and the nudge's daily counts.

Who keeps the two lists is decided in cms.roles (this migration once granted it).
"""

import django.db.models.deletion
import modelsearch.index
import uuid
from django.db import migrations, models

class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_blank_comment_emails"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="IdentifyingPlace",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(
                        help_text="Matched as whole words, ignoring capitals and accents.",
                        max_length=120,
                        verbose_name="name",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("school", "school"), ("workplace", "workplace"), ("town", "town or neighborhood")],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
            ],
            options={
                "verbose_name": "identifying place",
                "verbose_name_plural": "identifying places",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="AdviceNudgeCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField(verbose_name="day")),
                ("language_code", models.CharField(max_length=10, verbose_name="language")),
                ("shown", models.PositiveIntegerField(default=0, verbose_name="shown")),
                ("followed", models.PositiveIntegerField(default=0, verbose_name="followed")),
            ],
            options={
                "verbose_name": "advice nudge count",
                "ordering": ["-day", "language_code"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("day", "language_code"), name="comments_one_nudge_count_per_day_language"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="AdvicePhrase",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                (
                    "phrase",
                    models.CharField(
                        help_text="Matched as whole words, ignoring capitals and accents; plurals ending in -s or -es too.",
                        max_length=80,
                        verbose_name="phrase",
                    ),
                ),
                (
                    "suggestion",
                    models.CharField(
                        help_text="How the same thought could start as experience, for example “What helped me was …”.",
                        max_length=200,
                        verbose_name="share instead",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "verbose_name": "advice phrase",
                "verbose_name_plural": "advice phrases",
                "ordering": ["phrase"],
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
    ]
