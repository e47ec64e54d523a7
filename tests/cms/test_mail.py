"""Mail that meets a closed mail server waits in the database and goes out once it is back."""

import io
import smtplib
import socket
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cms.mail import send_queued
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
    assert not QueuedEmail.objects.waiting().exists()
    assert QueuedEmail.objects.get().raw == "", "the body is not kept once sent"
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


def a_queued_message(number):
    return QueuedEmail.objects.create(
        sender="team@example.org",
        recipients=[f"member{number}@example.org"],
        raw=f"Subject: Reply {number}\n\nMessage number {number}.",
        last_error="ConnectionRefusedError",
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_overlapping_runs_send_each_message_once(smtp, monkeypatch):
    """The first run is held inside its first hand-over until the second run has finished."""
    for number in (1, 2, 3):
        a_queued_message(number)
    first_is_sending, second_is_done = threading.Event(), threading.Event()
    real_sendmail = smtplib.SMTP.sendmail
    held = []

    def sendmail(self, *args, **kwargs):
        if threading.current_thread().name == "first" and not held:
            held.append(True)
            first_is_sending.set()
            assert second_is_done.wait(30), "the second run never finished"
        return real_sendmail(self, *args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, "sendmail", sendmail)
    results = {}

    def run(name):
        try:
            results[name] = send_queued()
        finally:
            connection.close()

    sink = SmtpSink(port=smtp.EMAIL_PORT)
    try:
        first = threading.Thread(target=run, args=["first"], name="first")
        first.start()
        assert first_is_sending.wait(30)
        second = threading.Thread(target=run, args=["second"], name="second")
        second.start()
        second.join(30)
        second_is_done.set()
        first.join(30)
    finally:
        sink.stop()
    delivered = sorted(message["to"][0] for message in sink.messages)
    assert delivered == ["<member1@example.org>", "<member2@example.org>", "<member3@example.org>"]
    assert results["first"][0] + results["second"][0] == 3
    assert not QueuedEmail.objects.waiting().exists()


def test_a_permanent_refusal_is_given_up_after_the_cap_with_its_reason(smtp, caplog):
    smtp.MAIL_QUEUE_MAX_ATTEMPTS = 3
    queued = a_queued_message(1)
    sink = SmtpSink(port=smtp.EMAIL_PORT, refuse_recipients=True)
    output = io.StringIO()
    try:
        for _run in range(5):
            call_command("send_queued_email", stdout=output)
    finally:
        sink.stop()
    assert f"message {queued.pk}, SMTPRecipientsRefused 550" in output.getvalue(), "the staff running it see why"
    queued.refresh_from_db()
    assert queued.refusals == 3, "no fourth try once given up"
    assert queued.given_up_at is not None and queued.sent_at is None
    assert queued.last_error.startswith("SMTPRecipientsRefused 550: 5.1.1")
    assert "User unknown" in queued.last_error
    assert "member1@example.org" not in queued.last_error, "the reason names no address"
    assert sink.commands.count("RCPT") == 3
    assert "given up after 3 refusals" in caplog.text


def test_an_outage_never_gives_a_message_up(smtp):
    smtp.MAIL_QUEUE_MAX_ATTEMPTS = 2
    queued = a_queued_message(1)
    for _run in range(4):
        send_queued()
    queued.refresh_from_db()
    assert (queued.attempts, queued.refusals, queued.given_up_at) == (5, 0, None)


def test_sent_and_given_up_messages_are_deleted_after_the_configured_days(smtp):
    smtp.MAIL_QUEUE_KEEP_DAYS = 3
    now = timezone.now()
    old_sent, recent_sent, old_given_up, old_waiting = (a_queued_message(number) for number in range(4))
    QueuedEmail.objects.filter(pk=old_sent.pk).update(sent_at=now - timedelta(days=4))
    QueuedEmail.objects.filter(pk=recent_sent.pk).update(sent_at=now - timedelta(days=2))
    QueuedEmail.objects.filter(pk=old_given_up.pk).update(given_up_at=now - timedelta(days=4))
    QueuedEmail.objects.filter(pk=old_waiting.pk).update(created_at=now - timedelta(days=30))
    send_queued()
    assert set(QueuedEmail.objects.values_list("pk", flat=True)) == {recent_sent.pk, old_waiting.pk}


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
