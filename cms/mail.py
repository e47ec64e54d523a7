"""Outgoing mail that survives a mail-server outage.

When the SMTP server cannot be reached, each message that could not be handed over is kept in
the database (QueuedEmail) and `manage.py send_queued_email` (run every few minutes by cron or a
timer) hands it over later. The comment, question or account behind it is saved either way.
Encryption is never given up: with EMAIL_USE_TLS or EMAIL_USE_SSL set, a server that refuses TLS
is an error like any other and the message waits, it is not sent in the clear.
"""

import logging
import smtplib
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail.backends.smtp import EmailBackend
from django.utils import translation

logger = logging.getLogger(__name__)

DELIVERY_ERRORS = (OSError, smtplib.SMTPException)


def sender(language=None):
    """DEFAULT_FROM_EMAIL with its display name in `language` (the active one by default).

    The name goes through the catalogs like any other string ("CRAFT Family Support" is
    "CRAFT Apoyo Familiar" in Spanish), so a Spanish email comes from the site's Spanish name.
    Call it where the email's language is active or known: Django and Wagtail read
    DEFAULT_FROM_EMAIL as it is, in English.
    """
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if not name:
        return settings.DEFAULT_FROM_EMAIL
    with translation.override(language or translation.get_language()):
        return formataddr((translation.gettext(name), address))


def send_wagtail_notifications_from_the_recipients_site_name():
    """Wagtail's workflow and moderation emails come from the site's name in the recipient's admin language.

    Wagtail writes each notification in the recipient's admin language but sends it after leaving
    that language, from DEFAULT_FROM_EMAIL as it is; every notification goes through
    wagtail.admin.mail.send_mail, one recipient at a time, so that is where the sender is chosen.
    """
    from django.contrib.auth import get_user_model
    from wagtail.admin import mail as wagtail_mail
    from wagtail.users.models import UserProfile

    wagtail_send_mail = wagtail_mail.send_mail

    def send_mail(subject, message, recipient_list, from_email=None, **kwargs):
        if not from_email and len(recipient_list) == 1:
            recipient = get_user_model().objects.filter(email__iexact=recipient_list[0]).first()
            if recipient is not None:
                from_email = sender(UserProfile.get_for_user(recipient).get_preferred_language())
        return wagtail_send_mail(subject, message, recipient_list, from_email, **kwargs)

    wagtail_mail.send_mail = send_mail


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
