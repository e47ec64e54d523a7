"""Mail that meets a closed mail server waits in the database and goes out once it is back."""

import socket

import pytest
from django.core import mail
from django.core.management import call_command

from cms.models import QueuedEmail
from ops.drills.smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    settings.EMAIL_BACKEND = "cms.mail.QueueOnFailureEmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = probe.getsockname()[1]  # nothing listens there yet
    settings.EMAIL_TIMEOUT = 5
    return settings


def test_a_message_the_server_cannot_take_is_kept_and_sent_later(smtp, caplog):
    sent = mail.send_mail("Your question arrived", "Dear Rosa, thank you.", "team@example.org", ["rosa@example.org"])
    assert sent == 0
    queued = QueuedEmail.objects.get()
    assert queued.recipients == ["rosa@example.org"]
    assert "rosa@example.org" not in caplog.text, "the log names no address"

    call_command("send_queued_email")
    queued.refresh_from_db()
    assert queued.attempts == 2, "still down: kept for the next try"

    sink = SmtpSink(port=smtp.EMAIL_PORT)
    try:
        call_command("send_queued_email")
    finally:
        sink.stop()
    assert not QueuedEmail.objects.exists()
    (delivered,) = sink.messages
    assert "rosa@example.org" in delivered["to"][0]
    assert "Dear Rosa, thank you." in delivered["data"]


def test_a_server_that_refuses_tls_gets_nothing_in_the_clear(smtp):
    smtp.EMAIL_USE_TLS = True
    sink = SmtpSink(port=smtp.EMAIL_PORT, starttls="refuse")
    try:
        mail.send_mail("Private", "Words about my family.", "team@example.org", ["rosa@example.org"])
    finally:
        sink.stop()
    assert sink.messages == []
    assert "MAIL" not in sink.commands
    assert QueuedEmail.objects.count() == 1, "it waits for a server that speaks TLS"


def test_wagtail_notifications_come_from_the_sites_name_in_the_recipients_admin_language(make_user, mailoutbox):
    """Workflow emails (submitted, approved, rejected, comments) go through wagtail.admin.mail.send_mail."""
    from wagtail.admin.mail import send_mail
    from wagtail.users.models import UserProfile

    reviewer = make_user("reviewer")
    profile = UserProfile.get_for_user(reviewer)
    profile.preferred_language = "es"
    profile.save()
    editor = make_user("editor")
    send_mail("Revisión", "Una página espera su revisión.", [reviewer.email])
    send_mail("Review", "A page waits for your review.", [editor.email])
    assert [email.from_email for email in mailoutbox] == [
        "CRAFT Apoyo Familiar <noreply@localhost>",
        "CRAFT Family Support <noreply@localhost>",
    ]
