from django.db import migrations


def create_spanish_locale(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="es")


class Migration(migrations.Migration):
    """English comes from LANGUAGE_CODE at Wagtail's first migration; Spanish is ours to add."""

    dependencies = [
        ("cms", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_spanish_locale, migrations.RunPython.noop)]
