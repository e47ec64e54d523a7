from django.core.management.base import BaseCommand

from cms.mail import send_queued
from cms.models import QueuedEmail


class Command(BaseCommand):
    help = "Send the messages kept while the mail server was down (run it every few minutes)."

    def handle(self, *args, **options):
        sent, waiting = send_queued()
        self.stdout.write(f"{sent} queued messages sent; {waiting} still waiting.")
        # Given-up messages stay listed (with the server's reason, no address) until they are deleted.
        for given_up in QueuedEmail.objects.filter(given_up_at__isnull=False).order_by("given_up_at"):
            self.stdout.write(
                f"Given up {given_up.given_up_at:%Y-%m-%d %H:%M}: message {given_up.pk}, {given_up.last_error}"
            )
