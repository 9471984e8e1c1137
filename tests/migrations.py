"""Move the test database to a migration state and back, for the tests of data migrations."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to ``targets`` (``[(app, migration)]``); returns the historical models of the
    database as it then is (the other apps stay where they were)."""
    MigrationExecutor(connection).migrate(targets)
    ContentType.objects.clear_cache()
    loader = MigrationExecutor(connection).loader
    applied = [node for node in loader.applied_migrations if node in loader.graph.nodes]  # not squashed ones
    return loader.project_state(applied).apps


def latest():
    """Every app's last migration."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()
