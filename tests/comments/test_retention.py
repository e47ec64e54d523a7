"""Personal data on comments is kept no longer than needed: the address 30 days, the email never."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from tests.comments.factories import add_comment, form_data

pytestmark = pytest.mark.django_db


def test_a_comment_keeps_the_visitors_own_address_not_the_proxys(client, settings, a_post, a_member):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    client.force_login(a_member)
    response = client.post(
        reverse("comments:post"),
        form_data(a_post, "Thank you for this."),
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9",
    )
    assert response.status_code == 302
    assert XtdComment.objects.get().ip_address == "203.0.113.9", "the address nginx saw, not nginx's own"


def test_the_daily_task_erases_addresses_older_than_the_retention(settings, a_post, a_member):
    settings.COMMENT_IP_RETENTION_DAYS = 30
    now = timezone.now()
    old = add_comment(a_post, a_member, "Old", submit_date=now - timedelta(days=31), ip_address="203.0.113.1")
    recent = add_comment(a_post, a_member, "Recent", submit_date=now - timedelta(days=29), ip_address="203.0.113.2")
    call_command("clear_comment_addresses")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, recent.ip_address) == (None, "203.0.113.2")
    assert old.comment == "Old", "only the address goes"

    settings.COMMENT_IP_RETENTION_DAYS = 7
    call_command("clear_comment_addresses")
    recent.refresh_from_db()
    assert recent.ip_address is None, "the period is a setting"


def test_no_comment_row_stores_an_email_address_whoever_saves_it(a_post, a_member):
    comment = add_comment(a_post, a_member, "Saved as the engine's own forms do", user_email=a_member.email)
    comment.refresh_from_db()
    assert comment.user_email == ""
    comment.user_email = a_member.email
    comment.save()
    comment.refresh_from_db()
    assert comment.user_email == ""


def test_the_data_migration_blanks_addresses_already_copied_into_comments(a_post, a_member):
    comment = add_comment(a_post, a_member, "Posted before the rule")
    # As rows written before the rule hold them (update() bypasses the model's save).
    XtdComment.norel_objects.filter(pk=comment.pk).update(user_email=a_member.email)
    import_module("comments.migrations.0003_blank_comment_emails").blank_emails(apps, None)
    comment.refresh_from_db()
    assert comment.user_email == ""
