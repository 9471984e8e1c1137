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

The same copy serves two more purposes:

- ``restore``: a transactional test (browser, concurrency, migrations) ends by making the
  worker's database a copy of the template again, instead of Django's flush (which empties
  every table, so that the next test lacks what migrations made: Wagtail's root page, the role
  groups, the Masters' page permissions) followed by serialized rollback (which rebuilds those
  rows one by one from JSON). A copy is both cheaper and exact.
- ``restore_or_build``: a committed state that several transactional tests start from (the
  demo organisation of the browser tests) is built once per run by the first worker to need
  it, kept as a snapshot and copied in for the next test, on any worker, instead of being
  built again.
"""

import fcntl
import os
import sqlite3
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from tests.sqlite_serialised import LOCK

RUN_ENV = "TEST_DB_RUN"

# Per worker process: the clean template of each connection, and the snapshots it has made
# (name -> the SQLite file or PostgreSQL database to copy from).
_clean: dict[str, str] = {}
_snapshots: dict[str, str] = {}
_scratch: list[Path] = []


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


def _close(connection) -> None:
    """Close the connection, and with ``DB_POOL`` the process's pool too: a pool keeps its
    connections open, and a database with sessions cannot be copied, while one dropped
    ``WITH (FORCE)`` would leave the pool handing out ended sessions (and a pool made for
    one database name keeps connecting to it after the settings move on)."""
    connection.close()
    if hasattr(connection, "close_pool"):
        connection.close_pool()


def _point_at(connection, name: str) -> None:
    from django.conf import settings

    _close(connection)
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


def _build(connection, template: str, on_the_way: dict[str, Callable[[], None]], shared: Path) -> None:
    """Migrate a new database called ``template`` (Django's own test database creation),
    first running each of ``on_the_way`` on the new, empty database and keeping the result
    as a snapshot under its label (for ``restore_or_build``)."""
    test_settings = connection.settings_dict.setdefault("TEST", {})
    worker_test_name = test_settings.get("NAME")
    test_settings["NAME"] = template
    try:
        if on_the_way:
            connection.creation._create_test_db(verbosity=0, autoclobber=True, keepdb=False)
            _point_at(connection, template)
            for label, build in on_the_way.items():
                build()
                ready = shared / f"test-db-{run_id()}.{label}.ready"
                ready.write_text(_snapshot(connection, label, template=template))
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=bool(on_the_way))
    finally:
        test_settings["NAME"] = worker_test_name
        _close(connection)


def set_up(connection, *, shared: Path, worker: str, on_the_way: dict[str, Callable[[], None]] | None = None) -> str:
    """Give ``connection`` this worker's copy of the run's migrated template; returns the
    database name to restore when the worker is done. ``on_the_way``: label → a function
    that migrates the empty database part of the way, run (in order) by the worker that
    builds the template, each result kept as a snapshot for ``restore_or_build``: an
    earlier migration state for the tests of a data migration costs nothing more than the
    template itself (migrating back, or forward again from empty, costs as much again)."""
    original = connection.settings_dict["NAME"]
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        template = str(shared / f"test-db-{run_id()}.sqlite3")
    else:
        template = _template_name(connection.creation._get_test_db_name(), worker)
    ready = shared / f"test-db-{run_id()}.ready"
    with _exclusive(shared / f"test-db-{run_id()}.lock"):
        if not ready.exists():
            _build(connection, template, on_the_way or {}, shared)
            ready.write_text(template)
    _point_at(connection, original)
    _clean[connection.alias] = template
    _scratch[:] = [shared]
    # file:memorydb_default?mode=memory… for SQLite, test_<name>_gw0 for PostgreSQL
    _point_at(connection, connection.creation._get_test_db_name())
    restore(connection)
    return original


def restore(connection, source: str | None = None) -> None:
    """Make the worker's database a copy of ``source`` (a snapshot; by default the migrated
    template): SQLite through the backup API into the open in-memory database (which the live
    server's thread shares), PostgreSQL by creating the database again from it (connections
    left by other threads are ended)."""
    source = source or _clean[connection.alias]
    if connection.vendor == "sqlite":
        with LOCK:  # a live-server request may still be using the connection
            connection.ensure_connection()
            copy = sqlite3.connect(source)
            try:
                copy.backup(connection.connection)
            finally:
                copy.close()
        return
    _recreate(connection, template=source)


def empty(connection) -> None:
    """Make the worker's database empty: no tables, no migrations applied (for building an
    earlier migration state forward, tests/migrations.py)."""
    if connection.vendor == "sqlite":
        with LOCK:
            connection.ensure_connection()
            nothing = sqlite3.connect(":memory:")
            try:
                nothing.backup(connection.connection)
            finally:
                nothing.close()
        return
    _recreate(connection, template="template0")


def _recreate(connection, *, template: str) -> None:
    """PostgreSQL: the worker's database created again from ``template`` (connections left
    by other threads are ended)."""
    name = connection.settings_dict["NAME"]
    quote = connection.ops.quote_name
    _close(connection)
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {quote(name)} WITH TEMPLATE {quote(template)}")


def _copy_to_file(connection, path) -> None:
    """SQLite: the worker's open database written to the file at ``path``."""
    with LOCK:  # a live-server request may still be using the connection
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()


def _snapshot(connection, label: str, *, template: str | None = None) -> str:
    """Keep the worker's database as it is now (committed rows only) under ``label``, named
    after the run's template so that every worker of the run can copy it."""
    template = template or _clean[connection.alias]
    if connection.vendor == "sqlite":
        path = str(Path(template).with_suffix(f".{label}.sqlite3"))
        _copy_to_file(connection, path)
        return path
    name = connection.settings_dict["NAME"]
    snapshot = f"{template}_{label}"
    quote = connection.ops.quote_name
    _close(connection)
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(snapshot)}")
        cursor.execute(f"CREATE DATABASE {quote(snapshot)} WITH TEMPLATE {quote(name)}")
    return snapshot


def restore_or_build(connection, label: str, build: Callable[[], None]) -> bool:
    """The worker's database as ``build()`` leaves it: copied from the run's snapshot ``label``
    when a worker has built it before (returns True), else built now and kept for every
    worker of the run (returns False; the others wait for it rather than build it again).
    For transactional tests only: ``build`` must commit, and the copy replaces every row."""
    if label not in _snapshots:
        shared = _scratch[0]
        ready = shared / f"test-db-{run_id()}.{label}.ready"
        with _exclusive(shared / f"test-db-{run_id()}.{label}.lock"):
            if not ready.exists():
                build()
                ready.write_text(_snapshot(connection, label))
                _snapshots[label] = ready.read_text()
                return False
        _snapshots[label] = ready.read_text()
    restore(connection, _snapshots[label])
    return True


@contextmanager
def on_a_file(connection, path: Path):
    """SQLite only (elsewhere a no-op): the worker's database copied to a file at ``path`` for
    the duration, with the settings' WAL and busy timeout, as ``make run`` keeps it. For tests
    whose other threads write at the same time (a real Celery worker): the in-memory test
    database's shared cache locks whole tables and fails them with "database table is locked"."""
    if connection.vendor != "sqlite":
        yield
        return
    _copy_to_file(connection, path)
    memory = connection.settings_dict["NAME"]
    _point_at(connection, str(path))
    connection.close()  # now really closed (Django keeps an in-memory database open)
    try:
        yield
    finally:
        connection.close()
        _point_at(connection, memory)
        restore(connection)


def tear_down(connection, original: str) -> None:
    """The worker's own database goes; the run's template and snapshots stay for the other
    workers until the run ends (``drop_postgres_template``; SQLite's files are in pytest's
    temporary folder)."""
    _snapshots.clear()
    if connection.vendor == "postgresql":
        name = connection.settings_dict["NAME"]
        _close(connection)
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
        # The template and the snapshots named after it (``_snapshot``).
        names = conn.execute(
            "SELECT datname FROM pg_database WHERE datname = %s OR datname LIKE %s",
            [template, template.replace("_", r"\_") + r"\_%"],
        ).fetchall()
        for (name,) in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
