"""Demo: the translation groups' permissions, the Spanish review workflow and a `reviewer` login.

Runs after the other apps' demo loaders (INSTALLED_APPS order), so the Spanish home page exists.
The `translator` login is created by cms/demo.py; its group's permissions are set here.
"""

from django.contrib.auth import get_user_model

from .groups import SPANISH_REVIEWERS, setup_translation_groups


def load(command):
    groups = setup_translation_groups()
    User = get_user_model()
    reviewer, _ = User.objects.get_or_create(username="reviewer", defaults={"email": "reviewer@example.org"})
    reviewer.is_superuser = reviewer.is_staff = False
    reviewer.set_password(command.demo_password)
    reviewer.save()
    reviewer.groups.add(groups[SPANISH_REVIEWERS])
    command.stdout.write("Translation workflow: Translators and Spanish reviewers groups, login 'reviewer'.")
