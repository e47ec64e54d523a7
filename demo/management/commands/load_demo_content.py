"""Load the bilingual demo site from demo/data: pages, snippets and demo logins. Safe to run again."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page

from demo.deferred import index_updates_at_the_end
from demo.loader import SECTIONS, DemoLoader

DEFAULT_DEMO_PASSWORD = "craft-demo-password"  # noqa: S105 (demo only; refused with DEBUG off)


class Command(BaseCommand):
    help = "Create or refresh the bilingual demo content and the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off (never on a real site).")
        parser.add_argument(
            "--section", action="append", choices=SECTIONS, help="Load only this section (repeatable; default all)."
        )

    def handle(self, *args, force=False, section=None, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo content with DEBUG off: it creates logins with a known password. "
                "Pass --force if this really is a throwaway site."
            )
        password = os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
        # Each page is saved several times on its way to being published in both languages: index
        # it once, as it ends up (demo.deferred).
        with index_updates_at_the_end():
            DemoLoader(password, self.stdout, sections=section).load()
        # wagtail-localize publishes translations on commit; when the whole load runs in one
        # transaction, parents published there keep a stale child count and their translated
        # children 404 (wagtail-localize#773). Recount once every publication has run.
        transaction.on_commit(repair_child_counts)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))


def repair_child_counts():
    Page.fix_tree(fix_paths=False)
