"""Boards from SQL while the Redis index cannot answer: not built yet, or Redis away."""

import logging
from unittest import mock

import pytest

from gamification import tasks
from gamification.leaderboards.backend import get_backend
from gamification.leaderboards.boards import Row
from gamification.leaderboards.fallback import FallbackBackend
from gamification.models import (
    PointsEntry,
)
from gamification.selectors.boards import board_payload
from tests.factories import MemberFactory
from tests.gamification.leaderboards.helpers import ALL, points_of, redis_backend, redis_client

pytestmark = pytest.mark.django_db


def test_redis_outage_mid_run_keeps_recording_and_answers_from_sql(redis_url, key_prefix, ledger, caplog):
    fallback = FallbackBackend.instance()
    assert get_backend() is fallback
    a, b = MemberFactory(), MemberFactory()
    ledger.award(a, 5)
    ledger.award(b, 3)
    fallback.redis.rebuild()
    live_client = fallback.redis.client
    redis_top = fallback.redis.top
    assert points_of(fallback.top(ALL, "all", 10)) == [(1, a.pk, 5), (2, b.pk, 3)]

    # Redis goes away: a dead port fails every call.
    fallback.redis.client = redis_client("redis://127.0.0.1:1/0")
    fallback.backoff = 60
    c = MemberFactory()
    with caplog.at_level(logging.WARNING, logger="gamification.leaderboards.fallback"):
        entry = ledger.award(c, 9)
    assert PointsEntry.objects.filter(pk=entry.pk).exists()
    assert "unavailable" in caplog.text
    expected = [(1, c.pk, 9), (2, a.pk, 5), (3, b.pk, 3)]
    assert points_of(get_backend().top(ALL, "all", 10)) == expected
    payload = board_payload(ALL, "all", viewer=b)
    assert payload["me"]["rank"] == 3 and [r["points"] for r in payload["results"]] == [9, 5, 3]
    ledger.award(a, 1)  # during the back-off Redis is not even tried
    assert points_of(fallback.top(ALL, "all", 10)) == [(1, c.pk, 9), (2, a.pk, 6), (3, b.pk, 3)]

    # Redis is back: what was missed is indexed (once) and boards come from Redis again.
    fallback.redis.client = live_client
    fallback._down_until = 0
    assert points_of(fallback.top(ALL, "all", 10)) == [(1, c.pk, 9), (2, a.pk, 6), (3, b.pk, 3)]
    assert points_of(redis_top(ALL, "all", 10)) == [(1, c.pk, 9), (2, a.pk, 6), (3, b.pk, 3)]
    assert fallback.redis.compare_and_repair()["repaired"] == []


def test_boards_come_from_sql_until_the_index_is_built(redis_url, key_prefix, ledger):
    a = MemberFactory()
    ledger.award(a, 4)
    fallback = FallbackBackend.instance()
    public = fallback.redis.key("all", "all", "public")
    fallback.redis.client.zincrby(public, 100, "000000000001")  # an index nobody built
    assert points_of(fallback.top(ALL, "all", 10)) == [(1, a.pk, 4)]  # not ready: SQL
    assert fallback.around(ALL, "all", a.pk)[0] == Row(rank=1, member_id=a.pk, points=4)
    fallback.redis.rebuild()
    assert fallback.redis.is_ready()
    assert points_of(fallback.top(ALL, "all", 10)) == [(1, a.pk, 4)]  # from Redis, rebuilt
    assert fallback.redis.client.zcard(public) == 1


def test_too_many_missed_entries_take_the_index_out_of_service_until_repaired(
    redis_url, key_prefix, django_capture_on_commit_callbacks
):
    fallback = FallbackBackend.instance()
    fallback.redis.client.set(fallback.redis.ready_key, 1)
    fallback.PENDING_LIMIT = 2
    fallback._down_until = float("inf")  # Redis is away: entries are only remembered
    for entry_id in (1, 2, 3):
        fallback.index_entry(entry_id)
    assert fallback._overflowed
    fallback._down_until = 0  # back: what was remembered is indexed, the overflow repaired
    with (
        mock.patch.object(tasks.repair_leaderboards, "apply_async") as repair,
        django_capture_on_commit_callbacks(execute=True),
    ):
        fallback.top(ALL, "all", 10)
    assert repair.call_count == 1
    assert not fallback.redis.is_ready()  # boards come from SQL until the repair rebuilt them


def _lose_the_index(fallback, key_prefix):
    """Redis restarted without its data: the boards, the markers and the ready mark are gone."""
    keys = list(fallback.redis.client.scan_iter(match=f"{key_prefix}:*"))
    if keys:
        fallback.redis.client.delete(*keys)


def test_redis_back_without_the_index_rebuilds_it_and_counts_what_was_missed_once(
    redis_url, key_prefix, ledger, django_capture_on_commit_callbacks
):
    fallback = FallbackBackend.instance()
    a, b = MemberFactory(), MemberFactory()
    ledger.award(a, 5)
    fallback.redis.rebuild()
    fallback._down_until = float("inf")  # Redis is away: the award is only remembered
    ledger.award(b, 7)
    assert len(fallback._pending_entries) == 1
    _lose_the_index(fallback, key_prefix)  # and comes back empty
    fallback._down_until = 0
    with (
        mock.patch.object(tasks.ensure_leaderboards, "apply_async") as ensure,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert points_of(fallback.top(ALL, "all", 10)) == [(1, b.pk, 7), (2, a.pk, 5)]  # from SQL
    assert ensure.call_count == 1  # the rebuild is asked for at once, not only by the beat
    assert not fallback._pending_entries  # the rebuild counts it: indexing it too would count it twice
    assert tasks.ensure_leaderboards()["rebuilt"]["keys"]
    assert points_of(fallback.redis.top(ALL, "all", 10)) == [(1, b.pk, 7), (2, a.pk, 5)]
    assert fallback.redis.compare_and_repair()["repaired"] == []


def test_entries_missed_before_a_rebuild_are_left_to_it_and_later_ones_are_indexed(redis_url, key_prefix, ledger):
    fallback = FallbackBackend.instance()
    a, b, c = MemberFactory(), MemberFactory(), MemberFactory()
    fallback._down_until = float("inf")
    ledger.award(a, 5)  # missed, then rebuilt from the ledger
    _lose_the_index(fallback, key_prefix)
    fallback.redis.rebuild()
    ledger.award(b, 3)  # missed after the rebuild: only the catch-up can count it
    ledger.award(c, 1)
    fallback._down_until = 0
    assert points_of(fallback.top(ALL, "all", 10)) == [(1, a.pk, 5), (2, b.pk, 3), (3, c.pk, 1)]
    assert points_of(fallback.redis.top(ALL, "all", 10)) == [(1, a.pk, 5), (2, b.pk, 3), (3, c.pk, 1)]
    assert fallback.redis.compare_and_repair()["repaired"] == []


def test_the_minute_check_rebuilds_only_a_missing_index_and_never_raises_for_redis(redis_url, key_prefix, ledger):
    a = MemberFactory()
    ledger.award(a, 4)
    fallback = FallbackBackend.instance()
    result = tasks.ensure_leaderboards()
    assert result["rebuilt"]["rows"] > 0 and fallback.redis.is_ready()
    assert tasks.ensure_leaderboards() == {}  # there: one EXISTS, nothing rebuilt
    with mock.patch("gamification.services.boards._rebuilding_backend") as backend:
        backend.return_value = redis_backend("redis://127.0.0.1:1/0", key_prefix)
        assert tasks.ensure_leaderboards() == {"skipped": "redis unavailable"}
