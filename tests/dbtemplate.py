"""One migrated test database per run, cloned for every xdist worker.

Migrating the schema (Wagtail's hundred migrations and ours) costs about 40 s of CPU, and
pytest-django migrates once per worker. Here the first worker to take a file lock migrates a
template; every worker then copies it: PostgreSQL with ``CREATE DATABASE … TEMPLATE``, SQLite
by copying the template file into the worker's in-memory database with SQLite's backup API.
Django's own parallel runner clones the same way (``clone_test_db``), but it forks from one
process that already holds the database; xdist's workers are separate processes, so the
first one to arrive builds the template and the others wait for it.

The template lives only for one run: it is named after the run (``TEST_DB_RUN``, set by the
controller), and the controller drops the PostgreSQL one when the run ends.
"""

import fcntl
import os
import sqlite3
import uuid
from contextlib import contextmanager
from pathlib import Path

RUN_ENV = "TEST_DB_RUN"


def run_id() -> str:
    """The run's id, the same in the controller and every worker (workers inherit it)."""
    return os.environ.setdefault(RUN_ENV, uuid.uuid4().hex[:8])


@contextmanager
def _exclusive(path: Path):
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _template_name(worker_test_name: str, worker: str) -> str:
    base = worker_test_name.removesuffix(f"_{worker}")
    return f"{base}_tpl_{run_id()}"


def _point_at(connection, name: str) -> None:
    from django.conf import settings

    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


def _build(connection, template: str) -> None:
    """Migrate a new database called ``template`` (Django's own test database creation)."""
    test_settings = connection.settings_dict.setdefault("TEST", {})
    worker_test_name = test_settings.get("NAME")
    test_settings["NAME"] = template
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    finally:
        test_settings["NAME"] = worker_test_name
        connection.close()


def set_up(connection, *, shared: Path, worker: str) -> str:
    """Give ``connection`` this worker's copy of the run's migrated template; returns the
    database name to restore when the worker is done."""
    original = connection.settings_dict["NAME"]
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        template = str(shared / f"test-db-{run_id()}.sqlite3")
    else:
        template = _template_name(connection.creation._get_test_db_name(), worker)
    ready = shared / f"test-db-{run_id()}.ready"
    with _exclusive(shared / f"test-db-{run_id()}.lock"):
        if not ready.exists():
            _build(connection, template)
            ready.write_text(template)
    _point_at(connection, original)
    if sqlite:
        memory = connection.creation._get_test_db_name()  # file:memorydb_default?mode=memory…
        _point_at(connection, memory)
        connection.ensure_connection()
        source = sqlite3.connect(template)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        name = connection.creation._get_test_db_name()
        quote = connection.ops.quote_name
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
            cursor.execute(f"CREATE DATABASE {quote(name)} WITH TEMPLATE {quote(template)}")
        _point_at(connection, name)
    return original


def tear_down(connection, original: str) -> None:
    if connection.vendor == "postgresql":
        name = connection.settings_dict["NAME"]
        connection.close()
        _point_at(connection, original)
        connection.creation._destroy_test_db(name, verbosity=0)
    else:
        _point_at(connection, original)


def drop_postgres_template(settings_dict: dict) -> None:
    """Called by the controller when the run ends: the template has served every worker."""
    import psycopg

    test_name = (settings_dict.get("TEST") or {}).get("NAME") or f"test_{settings_dict['NAME']}"
    template = f"{test_name}_tpl_{run_id()}"
    params = {
        "dbname": "postgres",
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{template}"')
