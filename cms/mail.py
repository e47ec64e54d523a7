"""Outgoing mail that survives a mail-server outage.

When the SMTP server cannot be reached, each message that could not be handed over is kept in
the database (QueuedEmail) and `manage.py send_queued_email` (run every few minutes by cron or a
timer) hands it over later. The comment, question or account behind it is saved either way.
Encryption is never given up: with EMAIL_USE_TLS or EMAIL_USE_SSL set, a server that refuses TLS
is an error like any other and the message waits, it is not sent in the clear.
"""

import logging
import smtplib

from django.core.mail.backends.smtp import EmailBackend

logger = logging.getLogger(__name__)

DELIVERY_ERRORS = (OSError, smtplib.SMTPException)


class QueueOnFailureEmailBackend(EmailBackend):
    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                sent += super().send_messages([message])
            except DELIVERY_ERRORS as error:
                self.close()
                queue(message, error)
        return sent


def queue(message, error):
    from .models import QueuedEmail

    QueuedEmail.objects.create(
        sender=message.from_email,
        recipients=message.recipients(),
        raw=message.message().as_string(),
        last_error=type(error).__name__,
    )
    # The id only: recipients and subjects can name a member.
    logger.warning("Mail server unavailable (%s): message queued for retry", type(error).__name__)


def send_queued(limit=200):
    """Try every waiting message once; returns (sent, still waiting)."""
    from .models import QueuedEmail

    backend = EmailBackend(fail_silently=False)
    sent = 0
    for queued in QueuedEmail.objects.order_by("created_at")[:limit]:
        try:
            if backend.connection is None:
                backend.open()
            backend.connection.sendmail(queued.sender, queued.recipients, queued.raw.encode("utf-8"))
        except DELIVERY_ERRORS as error:
            backend.close()
            queued.attempts += 1
            queued.last_error = type(error).__name__
            queued.save(update_fields=["attempts", "last_error"])
            logger.warning("Queued message %s still undeliverable (%s)", queued.pk, queued.last_error)
            continue
        queued.delete()
        sent += 1
    backend.close()
    return sent, QueuedEmail.objects.count()
