"""A log of deleted accounts kept outside the database, replayed after a restore.

A backup taken on Monday still holds an account its member deleted on Tuesday. Restoring it must
not bring that account back: every committed deletion appends the account's id (never its name or
email) and its join time to ACCOUNT_DELETION_LOG, and `manage.py replay_account_deletions` deletes those accounts
again once a backup is restored.

The deleting itself is the members app's (members.privacy.erase_account, the same function a
member's own deletion runs); this ground module only keeps the log.
"""

import contextlib
import contextvars
import json
import os
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_delete
from django.utils import timezone

_replaying = contextvars.ContextVar("replaying_account_deletions", default=False)


def record_deletion(user_id, date_joined):
    """Append one deletion. The join time tells a restored account from a newer one that reused its id."""
    path = settings.ACCOUNT_DELETION_LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(
        {"user_id": user_id, "date_joined": date_joined.isoformat(), "deleted_at": timezone.now().isoformat()}
    )
    # One short append per deletion, synced to disk: the log must survive the crash a restore follows.
    with open(path, "a", encoding="utf-8") as log:
        log.write(line + "\n")
        log.flush()
        os.fsync(log.fileno())


def _account_deleted(sender, instance, **kwargs):
    if _replaying.get():
        return
    user_id, date_joined = instance.pk, instance.date_joined
    transaction.on_commit(lambda: record_deletion(user_id, date_joined))


def connect_signals():
    post_delete.connect(_account_deleted, sender=get_user_model(), dispatch_uid="cms.deletion_log")


def deleted_accounts():
    """{user id: join time} of every logged deletion."""
    path = settings.ACCOUNT_DELETION_LOG
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as log:
        entries = [json.loads(line) for line in log if line.strip()]
    return {entry["user_id"]: datetime.fromisoformat(entry["date_joined"]) for entry in entries}


def returned_accounts():
    """The logged accounts a restore brought back.

    Only the very account that was deleted: a restore rewinds the id sequence, so a newer
    account may carry a logged id; its join time tells them apart.
    """
    logged = deleted_accounts()
    return [
        member for member in get_user_model().objects.filter(pk__in=logged) if member.date_joined == logged[member.pk]
    ]


@contextlib.contextmanager
def replaying():
    """Deletions made inside are replays of logged ones: they are not logged a second time."""
    token = _replaying.set(True)
    try:
        yield
    finally:
        _replaying.reset(token)
