"""Load the bilingual demo site: pages, snippets and demo logins. Safe to run again."""

import os
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule
from wagtail.models import Page

DEFAULT_DEMO_PASSWORD = "craft-demo-password"  # noqa: S105 (demo only; refused with DEBUG off)


class Command(BaseCommand):
    help = "Create or refresh the bilingual demo content and the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off (never on a real site).")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo content with DEBUG off: it creates logins with a known password. "
                "Pass --force if this really is a throwaway site."
            )
        self.demo_password = os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
        # Each app that has a `demo` module adds its own content, in INSTALLED_APPS order (ours first).
        for app_config in apps.get_app_configs():
            if module_has_submodule(app_config.module, "demo"):
                loader = import_module(f"{app_config.name}.demo")
                self.stdout.write(f"Loading demo content: {app_config.verbose_name}")
                loader.load(self)
        # wagtail-localize publishes translations on commit; when the whole load runs in one
        # transaction, parents published there keep a stale child count and their translated
        # children 404 (wagtail-localize#773). Recount once every publication has run.
        transaction.on_commit(repair_child_counts)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))


def repair_child_counts():
    Page.fix_tree(fix_paths=False)
