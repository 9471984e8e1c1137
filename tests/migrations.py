"""Move the test database to a migration state and back, for the tests of data migrations."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import dbtemplate


def migrate(targets):
    """Migrate to ``targets`` (``[(app, migration)]``); returns the historical models of the
    database as it then is (the other apps stay where they were)."""
    MigrationExecutor(connection).migrate(targets)
    return _historical_models()


def migrated_back(targets):
    """For transactional tests: the database migrated back to ``targets``, as ``migrate``
    does, but only the worker's first test migrates (about 14 s of CPU); the next ones copy
    the kept result in (tests/dbtemplate.py). The test's end copies the migrated template
    back, whatever state the test left."""
    label = "migrated-" + "-".join(f"{app}-{name[:4]}" for app, name in targets)
    dbtemplate.restore_or_build(connection, label, lambda: MigrationExecutor(connection).migrate(targets))
    return _historical_models()


def _historical_models():
    ContentType.objects.clear_cache()
    loader = MigrationExecutor(connection).loader
    applied = [node for node in loader.applied_migrations if node in loader.graph.nodes]  # not squashed ones
    return loader.project_state(applied).apps


def latest():
    """Every app's last migration."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()
