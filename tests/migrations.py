"""Databases in an earlier migration state, for the tests of data migrations.

An installation from before a move (say ``learning`` 0005, which moved the sessions and the
calendar out) has every migration applied except the move and those that depend on it. The
tests build that database forward from empty, once per run (``before``), rather than migrating
the test database back: unapplying half the project's migrations re-renders Wagtail's models
for every step (about 50 s on SQLite). For the last move the state is even kept on the way
while the run's template is migrated (``on_the_way``), at no extra cost.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import dbtemplate

_rendered = {}


def migrate(targets):
    """Migrate to ``targets`` (``[(app, migration)]``); returns the historical models of the
    database as it then is (the other apps stay where they were)."""
    state = MigrationExecutor(connection).migrate(targets)
    ContentType.objects.clear_cache()
    return state.apps  # rendered by the migration already


# The last move of models between apps: its state is kept on the way when the run's template
# is migrated (tests/conftest.py), so that its tests start there without migrating again.
LAST_MOVE = ("learning", "0005_sessions_and_calendar_moved_out")


def _label(first_missing) -> str:
    return "before-" + "-".join(part[:8] for part in first_missing)


def on_the_way() -> dict:
    """For ``dbtemplate.set_up``: the state before ``LAST_MOVE``, built on the way."""
    return {_label(LAST_MOVE): lambda: _build_before(LAST_MOVE, empty=False)}


def before(first_missing):
    """For transactional tests: the worker's database as an installation had it just before
    the migration ``first_missing`` (``(app, name)``): every other migration applied except
    those that depend on it, with the content types and permissions that ``migrate`` made for
    the models of that state. Built forward from an empty database by the run's first test to
    ask, copied in for the next ones (tests/dbtemplate.py); the test's end copies the migrated
    template back. Returns the historical models of that state."""
    label = _label(first_missing)
    dbtemplate.restore_or_build(connection, label, lambda: _build_before(first_missing))
    ContentType.objects.clear_cache()
    if label not in _rendered:  # the same state every time: rendered once per worker
        loader = MigrationExecutor(connection).loader
        applied = [node for node in loader.applied_migrations if node in loader.graph.nodes]  # not squashed ones
        _rendered[label] = loader.project_state(applied).apps
    return _rendered[label]


def _build_before(first_missing, *, empty: bool = True) -> None:
    if empty:
        dbtemplate.empty(connection)
    graph = MigrationExecutor(connection).loader.graph
    kept = set(graph.nodes) - set(graph.backwards_plan(first_missing))  # it and what depends on it
    # Within an app migrations form a chain, so each app's last kept migration is the target.
    targets = [node for node in kept if not any(child in kept for child in graph.node_map[node].children)]
    state = MigrationExecutor(connection).migrate(targets)
    # What ``migrate``'s post_migrate handlers made at the time, for the models of that state.
    for app_config in global_apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, apps=state.apps)
        create_permissions(app_config, verbosity=0, apps=state.apps)


def latest():
    """Every app's last migration."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()
