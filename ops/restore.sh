#!/usr/bin/env bash
# make restore BACKUP=backups/<time>: load a backup into an EMPTY database and media folder.
#
#   DATABASE_URL=postgres://.../empty_db MEDIA_ROOT=/srv/craft/media ops/restore.sh backups/<time>
#
# Refuses a database that already has tables, or a media folder that has files. After loading,
# it deletes again every account deleted since the backup (manage.py replay_account_deletions,
# which reads ACCOUNT_DELETION_LOG): set SKIP_REPLAY=1 only to compare a restore with its backup.
set -euo pipefail

backup=${1:-${BACKUP:-}}
[ -n "$backup" ] || { echo "usage: ops/restore.sh BACKUP_FOLDER (or make restore BACKUP=...)" >&2; exit 2; }
: "${DATABASE_URL:?DATABASE_URL must point at the empty database to restore into}"
root=$(cd "$(dirname "$0")/.." && pwd)
media_root=${MEDIA_ROOT:-$root/media}
python=${PYTHON:-$root/.venv/bin/python}

(cd "$backup" && sha256sum --check --quiet SHA256SUMS) || { echo "$backup: checksums do not match" >&2; exit 1; }

tables=$(psql -X -At "$DATABASE_URL" -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$tables" != "0" ]; then
    echo "Refusing to restore: the database already has $tables tables (restore into an empty one)." >&2
    exit 1
fi
if [ -d "$media_root" ] && [ -n "$(find "$media_root" -mindepth 1 -type f -print -quit)" ]; then
    echo "Refusing to restore: $media_root already has files." >&2
    exit 1
fi

pg_restore --exit-on-error --no-owner --no-privileges --single-transaction --dbname="$DATABASE_URL" "$backup/db.dump"
mkdir -p "$media_root"
tar --extract --file="$backup/media.tar" --directory="$media_root" --no-same-owner
echo "Restored $backup into the database and $media_root."

if [ "${SKIP_REPLAY:-}" = "1" ]; then
    echo "SKIP_REPLAY=1: accounts deleted since the backup are NOT deleted again yet." >&2
    echo "Run: manage.py replay_account_deletions" >&2
else
    (cd "$root" && "$python" manage.py replay_account_deletions)
fi
