from django.core.management.base import BaseCommand

from cms.mail import send_queued


class Command(BaseCommand):
    help = "Send the messages kept while the mail server was down (run it every few minutes)."

    def handle(self, *args, **options):
        sent, waiting = send_queued()
        self.stdout.write(f"{sent} queued messages sent; {waiting} still waiting.")
