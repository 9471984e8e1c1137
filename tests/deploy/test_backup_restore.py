"""The backup is tested by restoring it: deploy/backup.sh dumps the test database (with a
member in it) and the media folder, deploy/restore.sh puts both back into a new database and
an empty folder, and the member, the migrations and the file are there."""

import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection

from tests.factories import MemberFactory

pytestmark = pytest.mark.postgres

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _url(params: dict, name: str) -> str:
    user = quote(params.get("USER") or "postgres")
    password = f":{quote(params['PASSWORD'])}" if params.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{params.get('HOST') or '127.0.0.1'}:{params.get('PORT') or 5432}/{name}"


@pytest.fixture
def restored_database():
    """A new, empty database beside the test database, dropped afterwards."""
    params = connection.settings_dict
    name = f"{params['NAME']}_restored"
    admin = psycopg.connect(_url(params, "postgres"), autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    yield _url(params, name)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_a_backup_restores_into_a_new_database_and_media_folder(
    require_postgres, transactional_db, restored_database, tmp_path
):
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.fail("pg_dump and pg_restore are needed beside PostgreSQL")
    member = MemberFactory(email="backup-check@example.org")
    media = tmp_path / "media"
    (media / "stories").mkdir(parents=True)
    (media / "stories" / "photo.jpg").write_bytes(b"\xff\xd8 not really a photo")
    source = _url(connection.settings_dict, connection.settings_dict["NAME"])

    backup = subprocess.run(
        [DEPLOY / "backup.sh", tmp_path / "backups"],
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": source, "MEDIA_ROOT": str(media)},
        capture_output=True,
        text=True,
        check=True,
    )
    dump, tarball = backup.stdout.split()
    restored_media = tmp_path / "restored-media"
    subprocess.run(
        [DEPLOY / "restore.sh", dump, tarball],
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": restored_database, "MEDIA_ROOT": str(restored_media)},
        capture_output=True,
        text=True,
        check=True,
    )

    with psycopg.connect(restored_database) as restored:
        emails = [row[0] for row in restored.execute("SELECT email FROM people_member WHERE id = %s", [member.pk])]
        migrations = restored.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_migrations")
        assert migrations == cursor.fetchone()[0]
    assert emails == ["backup-check@example.org"]
    assert (restored_media / "stories" / "photo.jpg").read_bytes() == b"\xff\xd8 not really a photo"
