#!/usr/bin/env bash
# make backup: the database (pg_dump, custom format) and the uploaded media (tar), timestamped.
#
#   DATABASE_URL=postgres://... MEDIA_ROOT=/srv/craft/media ops/backup.sh
#
# Writes BACKUP_DIR/<UTC time>/ with db.dump, media.tar and SHA256SUMS, and prints that folder.
# The account deletion log (ACCOUNT_DELETION_LOG) is NOT part of a backup on purpose: it must be
# newer than any backup it is replayed onto (see ops/restore.sh).
set -euo pipefail
umask 077

: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database to back up}"
root=$(cd "$(dirname "$0")/.." && pwd)
media_root=${MEDIA_ROOT:-$root/media}
backup_dir=${BACKUP_DIR:-$root/backups}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$backup_dir/$stamp"
[ -e "$target" ] && { echo "$target already exists" >&2; exit 1; }
mkdir -p "$target"

# One consistent snapshot of the whole database; roles and ownership are the target's business.
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$target/db.dump" "$DATABASE_URL"
if [ -d "$media_root" ]; then
    tar --create --file="$target/media.tar" --directory="$media_root" .
else
    tar --create --file="$target/media.tar" --files-from=/dev/null
fi
(cd "$target" && sha256sum db.dump media.tar >SHA256SUMS)
echo "$target"
