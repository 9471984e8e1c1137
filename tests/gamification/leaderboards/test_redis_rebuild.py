"""Rebuilding the Redis index from the ledger, and repairing drift."""

import pytest
from django.core.management import call_command

from gamification.leaderboards.boards import BoardKey, parse_board
from gamification.leaderboards.redis_index import RedisBackend
from gamification.leaderboards.redis_keys import bucket, encode_member
from tests.factories import MemberFactory
from tests.gamification.leaderboards.helpers import (
    ALL,
    assert_same_boards,
    points_of,
    redis_backend,
    small_ledger,
    snapshot,
)

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_rebuild_from_scratch_equals_the_live_index(redis_url, key_prefix, ledger):
    backend = redis_backend(redis_url, key_prefix)
    sales, members = small_ledger(ledger)
    boards = [
        ALL,
        BoardKey("department", sales.pk),
        BoardKey("location", members[0].location_id),
        parse_board("challenge-4"),
    ]
    live = snapshot(backend, boards)
    assert live[backend.key("all", "all", "everyone")]
    for key in backend.client.scan_iter(match=f"{key_prefix}:*"):
        backend.client.delete(key)
    assert not backend.is_ready()

    call_command("rebuild_leaderboards")

    assert backend.is_ready()
    assert snapshot(backend, boards) == live
    assert_same_boards(backend, members, boards)
    # Rebuilding one board leaves the others alone and changes nothing.
    call_command("rebuild_leaderboards", "--board", "challenge-4")
    assert snapshot(backend, boards) == live


def test_an_award_indexed_while_a_rebuild_runs_is_in_the_rebuilt_board(redis_url, key_prefix, ledger, monkeypatch):
    backend = redis_backend(redis_url, key_prefix)
    early, late = MemberFactory(), MemberFactory()
    ledger.award(early, 5)
    read_ledger = RedisBackend._ledger_keyed_rows

    def read_then_award(self, boards):
        yield from read_ledger(self, boards)
        ledger.award(late, 7)  # after the ledger was read: only the delta key can carry it

    monkeypatch.setattr(RedisBackend, "_ledger_keyed_rows", read_then_award)
    backend.rebuild()
    assert points_of(backend.top(ALL, "all", 10)) == [(1, late.pk, 7), (2, early.pk, 5)]
    assert not list(backend.client.scan_iter(match=f"{key_prefix}:*:delta"))


@pytest.mark.clock
def test_compare_and_repair_fixes_drift(redis_url, key_prefix, ledger):
    backend = redis_backend(redis_url, key_prefix)
    sales, members = small_ledger(ledger)
    backend.rebuild()
    assert backend.compare_and_repair()["repaired"] == []

    backend.client.zincrby(backend.key("all", "all", "public"), 1000, "000000000042")  # garbage
    backend.client.zincrby(backend.key(f"department-{sales.pk}", "all", "everyone"), 7, encode_member(members[1].pk))
    backend.client.zrem(backend.key("challenge-4", bucket("week"), "public"), encode_member(members[0].pk))
    result = backend.compare_and_repair()

    assert result["repaired"] == sorted(["all", f"department-{sales.pk}", "challenge-4"])
    assert backend.compare_and_repair()["repaired"] == []
    boards = [ALL, BoardKey("department", sales.pk), parse_board("challenge-4")]
    assert_same_boards(backend, members, boards)
    # A sample checks fewer boards with the same rules.
    assert backend.compare_and_repair(sample=1)["repaired"] == []
