from django.core.management.base import BaseCommand

from cms.deletion_log import deleted_accounts
from members.privacy import replay_account_deletions


class Command(BaseCommand):
    help = "After a restore: delete again the accounts deleted since the backup (ACCOUNT_DELETION_LOG)."

    def handle(self, *args, **options):
        logged = len(deleted_accounts())
        deleted = replay_account_deletions()
        self.stdout.write(f"{logged} deletions in the log; {deleted} restored accounts deleted again.")
