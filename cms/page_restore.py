"""Bring one deleted page (and the pages under it) back from a backup, as drafts, into the live site.

`make restore` rebuilds a whole database; after one wrong deletion the rest of the site must stay as
it is. So the backup's `db.dump` is restored into a scratch database beside the live one, the page
tree is read from there through a second connection, and each page is added to the live tree under
its old parent (or one given) with its old id, translation key, content and inline children. Ids
are kept so rich-text links and translations find the page again.

Every restored page is a draft (nothing reaches readers before an editor publishes it), with a new
revision in its history. Its privacy restrictions come back with it, groups matched by name: a
members-only page must not come back public. Pages still in the live tree are never overwritten
(restore a page that still exists from its own revisions instead). The scratch database is
dropped at the end, also on failure.
"""

import os
import shutil
import subprocess
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connections, transaction
from django.db.models import F
from django.db.utils import load_backend
from modelcluster.models import ClusterableModel
from wagtail.models import Page, PageViewRestriction

BACKUP_ALIAS = "page_backup"


class RestoreError(Exception):
    """Why nothing was restored, in a sentence for the operator."""


def dump_file(backup):
    """`backup` is a `make backup` folder (with db.dump) or a pg_dump custom-format file."""
    path = Path(backup)
    dump = path / "db.dump" if path.is_dir() else path
    if not dump.is_file():
        raise RestoreError(f"No database dump at {dump}.")
    return dump


def _libpq_environment(database):
    environment = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if database.get(key):
            environment[variable] = str(database[key])
    return environment


@contextmanager
def scratch_database(dump):
    """The dump restored into a new database on the live server, as connection `BACKUP_ALIAS`."""
    live = connections["default"]
    if live.vendor != "postgresql":
        raise RestoreError("Restoring a page needs PostgreSQL (backups are pg_dump files).")
    name = f"{live.settings_dict['NAME']}_page_restore_{uuid.uuid4().hex[:8]}"
    with live.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        pg_restore = shutil.which("pg_restore") or "/usr/lib/postgresql/15/bin/pg_restore"
        result = subprocess.run(  # noqa: S603 (fixed program, arguments are ours)
            [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={name}", str(dump)],
            env=_libpq_environment(live.settings_dict),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RestoreError(f"pg_restore failed: {result.stderr.strip()}")
        # A connection of this thread only, not a configured database: nothing else can use it.
        backup = load_backend(live.settings_dict["ENGINE"]).DatabaseWrapper(
            {**live.settings_dict, "NAME": name}, BACKUP_ALIAS
        )
        connections[BACKUP_ALIAS] = backup
        try:
            yield BACKUP_ALIAS
        finally:
            backup.close()
            del connections[BACKUP_ALIAS]
    finally:
        with live.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _specific(page, alias):
    model = page.specific_class or Page
    return model._default_manager.using(alias).get(pk=page.pk)


def _free_slug(parent, slug):
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-restored" if number == 2 else f"{slug}-restored-{number - 1}"
    return candidate


def _as_new_draft(page):
    """An unsaved copy of the backup's `page` (inline children included), made a draft."""
    copy = type(page).from_serializable_data(page.serializable_data())
    copy._state.adding = True  # a new row of the live tree (modelcluster marks it as loaded)
    copy.live = False
    copy.has_unpublished_changes = True
    copy.latest_revision = copy.live_revision = None
    copy.locked, copy.locked_by, copy.locked_at = False, None, None
    if copy.owner_id and not get_user_model().objects.filter(pk=copy.owner_id).exists():
        copy.owner = None
    if copy.alias_of_id and not Page.objects.filter(pk=copy.alias_of_id).exists():
        copy.alias_of = None
    return copy


def _insert_under(parent, draft):
    """treebeard's `add_child`, keeping the page's id: Wagtail's `Page.save` takes any page with an
    id for one already in the database, so the row is written a level below it (ClusterableModel,
    which also writes the inline children); search and reference indexes follow Django's signals."""
    last = parent.get_last_child()
    draft.depth = parent.depth + 1
    draft.path = last._inc_path() if last else Page._get_path(parent.path, draft.depth, 1)
    draft.numchild = 0
    draft.set_url_path(parent)
    ClusterableModel.save(draft)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)


def _copy_restrictions(backup_page_ids, alias):
    for restriction in PageViewRestriction.objects.using(alias).filter(page_id__in=backup_page_ids):
        copy = PageViewRestriction.objects.create(
            page_id=restriction.page_id, restriction_type=restriction.restriction_type, password=restriction.password
        )
        names = list(restriction.groups.using(alias).values_list("name", flat=True))
        copy.groups.set(Group.objects.filter(name__in=names))


def restore_subtree(alias, page_id, parent_id=None, progress=None):
    """Restore page `page_id` and its descendants from the backup connection `alias`; returns the
    restored top page (live database). `parent_id` overrides the page's old parent."""
    try:
        top = Page.objects.using(alias).get(pk=page_id)
    except Page.DoesNotExist as error:
        raise RestoreError(f"The backup has no page with id {page_id}.") from error
    backup_pages = list(Page.objects.using(alias).filter(path__startswith=top.path).order_by("path"))
    still_there = Page.objects.filter(pk__in=[page.pk for page in backup_pages])
    if still_there.exists():
        titles = ", ".join(f"{page.title} ({page.pk})" for page in still_there[:5])
        raise RestoreError(f"These pages still exist, so nothing was restored: {titles}.")
    if parent_id is None:
        parent_id = Page.objects.using(alias).get(path=top.path[: -top.steplen]).pk
    if not Page.objects.filter(pk=parent_id).exists():
        raise RestoreError(f"Page {parent_id}, the parent to restore under, is not in the site: choose one.")

    new_parent_of = {top.pk: parent_id}
    by_path = {page.path: page.pk for page in backup_pages}
    with transaction.atomic():
        for page in backup_pages:
            parent = Page.objects.get(pk=new_parent_of.get(page.pk) or by_path[page.path[: -page.steplen]])
            draft = _as_new_draft(_specific(page, alias))
            draft.slug = _free_slug(parent, draft.slug)
            _insert_under(parent, draft)
            draft.save_revision(log_action=True)
            if progress:
                progress(draft)
        _copy_restrictions([page.pk for page in backup_pages], alias)
    return Page.objects.get(pk=top.pk).specific
