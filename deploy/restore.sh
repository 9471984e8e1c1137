#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh: deploy/restore.sh DB_DUMP MEDIA_TARBALL
# Into DATABASE_URL, which must be an empty database (createdb it first; stop the site and
# the workers), and into MEDIA_ROOT. All or nothing for the database (one transaction).
# Afterwards: manage.py migrate (a backup from an older release), manage.py
# rebuild_leaderboards (the Redis index), then start the site and the workers.
set -euo pipefail
dump=${1:?usage: deploy/restore.sh DB_DUMP MEDIA_TARBALL}
media=${2:?usage: deploy/restore.sh DB_DUMP MEDIA_TARBALL}
: "${DATABASE_URL:?DATABASE_URL is not set}"
: "${MEDIA_ROOT:?MEDIA_ROOT is not set}"
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$DATABASE_URL" "$dump"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xzf "$media"
