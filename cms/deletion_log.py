"""A log of deleted accounts kept outside the database, replayed after a restore.

A backup taken on Monday still holds an account its member deleted on Tuesday. Restoring it must
not bring that account back: every committed deletion appends the account's id (never its name or
email) to ACCOUNT_DELETION_LOG, and `manage.py replay_account_deletions` deletes those accounts
again once a backup is restored.
"""

import contextvars
import json
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_delete
from django.utils import timezone

_replaying = contextvars.ContextVar("replaying_account_deletions", default=False)


def record_deletion(user_id):
    path = settings.ACCOUNT_DELETION_LOG
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps({"user_id": user_id, "deleted_at": timezone.now().isoformat()})
    # One short append per deletion, synced to disk: the log must survive the crash a restore follows.
    with open(path, "a", encoding="utf-8") as log:
        log.write(line + "\n")
        log.flush()
        os.fsync(log.fileno())


def _account_deleted(sender, instance, **kwargs):
    if _replaying.get():
        return
    user_id = instance.pk
    transaction.on_commit(lambda: record_deletion(user_id))


def connect_signals():
    post_delete.connect(_account_deleted, sender=get_user_model(), dispatch_uid="cms.deletion_log")


def deleted_account_ids():
    path = settings.ACCOUNT_DELETION_LOG
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as log:
        return list(dict.fromkeys(json.loads(line)["user_id"] for line in log if line.strip()))


def replay_deletions():
    """Delete again every logged account that a restore brought back; returns how many.

    It runs the same per-app cleanup as a member's own deletion (members.registry), removing
    their comments rather than keeping them anonymised, which is the choice that can never
    expose anything. No goodbye email is sent a second time.
    """
    from members.registry import account_deletion
    from members.services import profile_for

    returning = get_user_model().objects.filter(pk__in=deleted_account_ids())
    token = _replaying.set(True)
    try:
        deleted = 0
        for member in returning:
            with transaction.atomic():
                picture = profile_for(member).avatar
                for _name, provider in account_deletion.items():
                    provider(member, False)
                member.delete()
                if picture:
                    storage, name = picture.storage, picture.name
                    transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
            deleted += 1
    finally:
        _replaying.reset(token)
    return deleted
