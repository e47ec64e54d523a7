from django.db import migrations, models


class Migration(migrations.Migration):
    """Discreet emails are on for existing members too: nobody chose descriptive subjects knowingly,
    and a plain subject never harms, while a revealing one in a shared inbox can."""

    dependencies = [
        ("members", "0006_memberprofile_expand_content_notes"),
    ]

    operations = [
        migrations.AddField(
            model_name="memberprofile",
            name="discreet_mail",
            field=models.BooleanField(
                default=True,
                help_text=(
                    "Our emails then have a plain subject and sender, “An update from your account”, so a glance "
                    "at your inbox does not show what they are about. The message itself is unchanged."
                ),
                verbose_name="discreet emails",
            ),
        ),
    ]
