import pytest

from gamification.leaderboards.sql import sql_backend
from gamification.leaderboards.sql_ledger import ledger_backend
from tests.gamification.leaderboards.helpers import redis_backend


@pytest.fixture(autouse=True)
def _own_keys(key_prefix):
    """Every test here indexes into its own keys."""


@pytest.fixture(params=["sql", "ledger", "redis"])
def backend(request, key_prefix):
    """Each test runs on the SQL backend (from the period totals), on the ledger ranked as it
    is (the reference) and on a Redis backend of its own keys."""
    if request.param == "sql":
        return sql_backend()
    if request.param == "ledger":
        return ledger_backend()
    url = request.getfixturevalue("redis_url")
    return redis_backend(url, key_prefix)
