"""Demo: a `reviewer` login, and the roles applied once more over the finished demo tree.

Runs after the other apps' demo loaders (INSTALLED_APPS order), so every home page and section
exists. The `translator` login is created by cms/demo.py.
"""

from django.contrib.auth import get_user_model

from cms.roles import SPANISH_REVIEWERS, apply_roles


def load(command):
    groups = apply_roles()
    User = get_user_model()
    reviewer, _ = User.objects.get_or_create(username="reviewer", defaults={"email": "reviewer@example.org"})
    reviewer.is_superuser = reviewer.is_staff = False
    reviewer.set_password(command.demo_password)
    reviewer.save()
    reviewer.groups.add(groups[SPANISH_REVIEWERS])
    command.stdout.write("Roles applied to the demo tree; Spanish reviewer login 'reviewer'.")
