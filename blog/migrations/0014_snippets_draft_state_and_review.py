"""Draft state, revisions, locking and review for translatable snippets (cms.models.ReviewedTranslatableMixin).

Rows that exist are what readers see today: they stay live (the fields' defaults) and are dated as
published now, so the translation status report can tell a later English change from them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def date_existing_rows(apps, schema_editor):
    now = timezone.now()
    for name in ["guest", "topic"]:
        apps.get_model("blog", name).objects.update(
            live=True, has_unpublished_changes=False, first_published_at=now, last_published_at=now
        )


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0013_question_assigned_to"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="guest",
            name="expire_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="expiry date/time"),
        ),
        migrations.AddField(
            model_name="guest",
            name="expired",
            field=models.BooleanField(default=False, editable=False, verbose_name="expired"),
        ),
        migrations.AddField(
            model_name="guest",
            name="first_published_at",
            field=models.DateTimeField(blank=True, db_index=True, null=True, verbose_name="first published at"),
        ),
        migrations.AddField(
            model_name="guest",
            name="go_live_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="go live date/time"),
        ),
        migrations.AddField(
            model_name="guest",
            name="has_unpublished_changes",
            field=models.BooleanField(default=False, editable=False, verbose_name="has unpublished changes"),
        ),
        migrations.AddField(
            model_name="guest",
            name="last_published_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="last published at"),
        ),
        migrations.AddField(
            model_name="guest",
            name="latest_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="latest revision",
            ),
        ),
        migrations.AddField(
            model_name="guest",
            name="live",
            field=models.BooleanField(default=True, editable=False, verbose_name="live"),
        ),
        migrations.AddField(
            model_name="guest",
            name="live_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="live revision",
            ),
        ),
        migrations.AddField(
            model_name="guest",
            name="locked",
            field=models.BooleanField(default=False, editable=False, verbose_name="locked"),
        ),
        migrations.AddField(
            model_name="guest",
            name="locked_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="locked at"),
        ),
        migrations.AddField(
            model_name="guest",
            name="locked_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="locked_%(class)ss",
                to=settings.AUTH_USER_MODEL,
                verbose_name="locked by",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="expire_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="expiry date/time"),
        ),
        migrations.AddField(
            model_name="topic",
            name="expired",
            field=models.BooleanField(default=False, editable=False, verbose_name="expired"),
        ),
        migrations.AddField(
            model_name="topic",
            name="first_published_at",
            field=models.DateTimeField(blank=True, db_index=True, null=True, verbose_name="first published at"),
        ),
        migrations.AddField(
            model_name="topic",
            name="go_live_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="go live date/time"),
        ),
        migrations.AddField(
            model_name="topic",
            name="has_unpublished_changes",
            field=models.BooleanField(default=False, editable=False, verbose_name="has unpublished changes"),
        ),
        migrations.AddField(
            model_name="topic",
            name="last_published_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="last published at"),
        ),
        migrations.AddField(
            model_name="topic",
            name="latest_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="latest revision",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="live",
            field=models.BooleanField(default=True, editable=False, verbose_name="live"),
        ),
        migrations.AddField(
            model_name="topic",
            name="live_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="live revision",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="locked",
            field=models.BooleanField(default=False, editable=False, verbose_name="locked"),
        ),
        migrations.AddField(
            model_name="topic",
            name="locked_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="locked at"),
        ),
        migrations.AddField(
            model_name="topic",
            name="locked_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="locked_%(class)ss",
                to=settings.AUTH_USER_MODEL,
                verbose_name="locked by",
            ),
        ),
        migrations.RunPython(date_existing_rows, migrations.RunPython.noop),
    ]
