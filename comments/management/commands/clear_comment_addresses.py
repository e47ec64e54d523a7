from django.conf import settings
from django.core.management.base import BaseCommand

from comments.services import clear_old_addresses


class Command(BaseCommand):
    help = "Erase the client address of comments older than COMMENT_IP_RETENTION_DAYS (run it daily)."

    def handle(self, *args, **options):
        cleared = clear_old_addresses()
        self.stdout.write(f"{cleared} comment addresses older than {settings.COMMENT_IP_RETENTION_DAYS} days erased.")
