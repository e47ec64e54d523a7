"""Index every live page for site search again: after bulk imports, or to pick up renamed topics."""

from django.core.management.base import BaseCommand

from cms import search_index


class Command(BaseCommand):
    help = "Rebuild site search's own index (cms.SearchEntry) from the live pages."

    def handle(self, *args, **options):
        count = search_index.rebuild(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"{count} pages indexed for site search."))
