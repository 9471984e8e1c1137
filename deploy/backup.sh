#!/usr/bin/env bash
# Back up the database and the media folder: deploy/backup.sh DEST_DIR
# Reads DATABASE_URL (postgres://…) and MEDIA_ROOT from the environment, as the site does
# (e.g. `set -a; . /etc/socialshift/env; set +a` first). Writes DEST_DIR/db-<stamp>.dump
# (pg_dump's custom format: compressed, restored with pg_restore) and
# DEST_DIR/media-<stamp>.tar.gz, and prints both paths. Redis holds nothing to back up: the
# leaderboard index is rebuilt from the database (manage.py rebuild_leaderboards).
set -euo pipefail
dest=${1:?usage: deploy/backup.sh DEST_DIR}
: "${DATABASE_URL:?DATABASE_URL is not set}"
: "${MEDIA_ROOT:?MEDIA_ROOT is not set}"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$dest"
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$dest/db-$stamp.dump"
tar -C "$MEDIA_ROOT" -czf "$dest/media-$stamp.tar.gz" .
echo "$dest/db-$stamp.dump"
echo "$dest/media-$stamp.tar.gz"
