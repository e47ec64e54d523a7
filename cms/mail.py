"""Outgoing mail that survives a mail-server outage.

When the SMTP server cannot be reached, each message that could not be handed over is kept in
the database (QueuedEmail) and `manage.py send_queued_email` (run every few minutes by cron or a
timer) hands it over later. The comment, question or account behind it is saved either way.
Encryption is never given up: with EMAIL_USE_TLS or EMAIL_USE_SSL set, a server that refuses TLS
is an error like any other and the message waits, it is not sent in the clear.

Runs of `send_queued_email` may overlap (a slow server, a timer firing while the last run is still
going, two app servers with the same cron line): each message is locked while it is handed over,
so no member gets the same email twice. A server that refuses a message outright (SMTP 5xx) is
asked MAIL_QUEUE_MAX_ATTEMPTS times and then the message is given up, its reason kept; a server
that is down or answers "try later" (4xx) is waited for, as the queue exists for outages.
Sent and given-up messages are deleted MAIL_QUEUE_KEEP_DAYS later: they name members.
"""

import logging
import smtplib
from datetime import timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail.backends.smtp import EmailBackend
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from .log_filters import EMAIL_ADDRESS, REDACTED

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
        last_error=failure_reason(error),
    )
    # The id only: recipients and subjects can name a member.
    logger.warning("Mail server unavailable (%s): message queued for retry", type(error).__name__)


def failure_reason(error):
    """What the server said, for the staff reading the queue: the code and text, without addresses.

    A refusal quotes the recipient ("550 5.1.1 <rosa@example.org>: no such user"), so every
    address is removed before the reason is stored.
    """
    code, text = _smtp_answer(error)
    reason = type(error).__name__ + (f" {code}" if code else "") + (f": {text}" if text else "")
    return EMAIL_ADDRESS.sub(REDACTED, reason)[:255]


def _smtp_answer(error):
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        # The worst answer decides: one permanent refusal is enough to make the message permanent.
        code, text = max(error.recipients.values(), key=lambda answer: answer[0])
    elif isinstance(error, smtplib.SMTPResponseException):
        code, text = error.smtp_code, error.smtp_error
    else:
        return None, str(error)
    return code, text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)


def is_permanent(error):
    """An SMTP 5xx answer: the server will refuse this message again, however long it waits."""
    code, _text = _smtp_answer(error)
    return code is not None and 500 <= code < 600


def send_queued(limit=200):
    """Try every waiting message once; returns (sent, still waiting).

    Each message is taken with `SELECT ... FOR UPDATE SKIP LOCKED` and stays locked until it is
    handed over and marked sent, in one short transaction: an overlapping run skips it instead of
    sending it a second time.
    """
    from .models import QueuedEmail

    backend = EmailBackend(fail_silently=False)
    sent = 0
    tried = []
    try:
        for _ in range(limit):
            with transaction.atomic():
                queued = (
                    QueuedEmail.objects.waiting()
                    .exclude(pk__in=tried)
                    .select_for_update(skip_locked=True)
                    .order_by("created_at", "pk")
                    .first()
                )
                if queued is None:
                    break
                tried.append(queued.pk)
                if _hand_over(backend, queued):
                    sent += 1
    finally:
        backend.close()
    forget_old_messages()
    return sent, QueuedEmail.objects.waiting().count()


def _hand_over(backend, queued):
    try:
        if backend.connection is None:
            backend.open()
        backend.connection.sendmail(queued.sender, queued.recipients, queued.raw.encode("utf-8"))
    except DELIVERY_ERRORS as error:
        backend.close()
        queued.attempts += 1
        queued.last_error = failure_reason(error)
        fields = ["attempts", "last_error"]
        if is_permanent(error):
            queued.refusals += 1
            fields.append("refusals")
            if queued.refusals >= settings.MAIL_QUEUE_MAX_ATTEMPTS:
                queued.given_up_at = timezone.now()
                fields.append("given_up_at")
        queued.save(update_fields=fields)
        if queued.given_up_at:
            logger.error(
                "Queued message %s given up after %s refusals (%s)", queued.pk, queued.refusals, queued.last_error
            )
        else:
            logger.warning("Queued message %s still undeliverable (%s)", queued.pk, type(error).__name__)
        return False
    # The body is the private part and is not needed once sent; the row stays a few days as the
    # record that it went out (who, when), then forget_old_messages deletes it.
    queued.sent_at = timezone.now()
    queued.raw = ""
    queued.save(update_fields=["sent_at", "raw"])
    return True


def forget_old_messages():
    """Delete sent and given-up messages older than MAIL_QUEUE_KEEP_DAYS; returns how many."""
    from .models import QueuedEmail

    cutoff = timezone.now() - timedelta(days=settings.MAIL_QUEUE_KEEP_DAYS)
    deleted, _ = QueuedEmail.objects.filter(Q(sent_at__lt=cutoff) | Q(given_up_at__lt=cutoff)).delete()
    return deleted
