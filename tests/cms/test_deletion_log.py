"""Accounts deleted after a backup stay deleted after a restore: the log outside the database."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from cms.deletion_log import deleted_accounts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def deletion_log(settings, tmp_path):
    settings.ACCOUNT_DELETION_LOG = tmp_path / "account-deletions.log"
    return settings.ACCOUNT_DELETION_LOG


def test_a_committed_deletion_logs_the_id_and_join_time_but_no_name_or_email(
    make_user, deletion_log, django_capture_on_commit_callbacks
):
    member = make_user("quiet_harbor", "Members")
    member_id = member.pk
    with django_capture_on_commit_callbacks(execute=True):
        member.delete()
    text = deletion_log.read_text()
    assert "quiet_harbor" not in text and "@" not in text
    assert deleted_accounts() == {member_id: member.date_joined}
    assert set(json.loads(text.splitlines()[0])) == {"user_id", "date_joined", "deleted_at"}


def test_replaying_after_a_restore_deletes_the_returned_account_but_not_a_newer_one_with_its_id(
    make_user, deletion_log, django_capture_on_commit_callbacks
):
    User = get_user_model()
    restored = make_user("came_back", "Members")
    newer = make_user("new_person", "Members")
    deletion_log.write_text(
        json.dumps({"user_id": restored.pk, "date_joined": restored.date_joined.isoformat(), "deleted_at": "x"})
        + "\n"
        + json.dumps({"user_id": newer.pk, "date_joined": "2001-01-01T00:00:00+00:00", "deleted_at": "x"})
        + "\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("replay_account_deletions")
    assert not User.objects.filter(pk=restored.pk).exists()
    assert User.objects.filter(pk=newer.pk).exists(), "an id reused after the restore is someone else"
    assert deletion_log.read_text().count("\n") == 2, "replaying does not log the deletion a second time"
