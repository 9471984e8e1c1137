"""The Redis index: each entry counted once, keys registered and expiring, batches in one
round trip, and the same boards as SQL on random ledgers."""

import datetime
import uuid

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from gamification.leaderboards import redis_index
from gamification.leaderboards.boards import BoardKey, EntryFacts, parse_board
from gamification.leaderboards.redis_keys import encode_member
from gamification.models import (
    PointsEntry,
)
from tests.factories import MemberFactory
from tests.gamification.factories import (
    PointRuleFactory,
)
from tests.gamification.leaderboards.helpers import (
    ALL,
    ANONYMOUS,
    HIDDEN,
    VISIBLE,
    Ledger,
    all_boards,
    assert_same_boards,
    delete_prefix,
    points_of,
    random_organisation,
    redis_backend,
    snapshot,
)

pytestmark = pytest.mark.django_db


def test_indexing_an_entry_twice_counts_it_once(redis_url, key_prefix, ledger):
    backend = redis_backend(redis_url, key_prefix)
    member = MemberFactory()
    entry = ledger.award(member, 5, boards=["challenge-2"])
    assert backend.index_entry(entry.pk) is False  # already indexed after commit
    assert backend.index_entry(entry.pk) is False
    assert points_of(backend.top(ALL, "all", 10)) == [(1, member.pk, 5)]
    assert points_of(backend.top(parse_board("challenge-2"), "week", 10)) == [(1, member.pk, 5)]
    assert backend.index_entry(entry.pk + 10_000) is False  # an entry that was rolled back


@pytest.mark.clock
def test_indexed_keys_are_registered_and_week_and_month_keys_expire(redis_url, key_prefix, ledger):
    backend = redis_backend(redis_url, key_prefix)
    member = MemberFactory()  # with a department and a location
    ledger.award(member, 5, boards=["challenge-2"])
    ledger.award(member, 3, boards=["challenge-2"])
    written = {k.decode() for k in backend.client.scan_iter(match=f"{key_prefix}:z:*")}
    assert len(written) == 4 * 3 * 2  # (all, department, location, challenge) x (all, week, month) x scopes
    assert written == {k.decode() for k in backend.client.smembers(backend.registry_key)}
    for key in written:
        _board, bucket_name, _scope = backend.parse_key(key)
        assert (backend.client.ttl(key) == -1) if bucket_name == "all" else (backend.client.ttl(key) > 0)
        assert backend.client.zscore(key, encode_member(member.pk)) == 8

    hidden = MemberFactory(leaderboard_visibility=HIDDEN, department=None, location=None)
    ledger.award(hidden, 4)
    keys = [backend.key("all", b, scope) for b in ("all",) for scope in ("everyone", "public")]
    assert [backend.client.zscore(key, encode_member(hidden.pk)) for key in keys] == [4, None]


def _top(backend, board="all"):
    return [(r.member_id, r.points) for r in backend.top(BoardKey(board), "all", 10)]


def test_a_batch_of_entries_is_indexed_in_one_pipeline_once(redis_boards, make_member):
    PointRuleFactory(action="batch", label="Batch", points=4)
    members = [make_member() for _ in range(3)]
    facts = []
    for n, person in enumerate(members * 2):
        entry = PointsEntry.objects.create(member=person, action="batch", ref=str(n), points=4)
        facts.append(
            (
                entry.pk,
                EntryFacts(
                    member_id=person.pk,
                    points=4,
                    occurred_at=entry.occurred_at,
                    department_id=None,
                    location_id=None,
                    visibility="visible",
                    active=True,
                    boards=("challenge-9",),
                ),
            )
        )
    assert redis_boards.index_entries(facts) == 6
    redis_boards.client.script_flush()  # a restarted Redis forgot the script: loaded again
    assert redis_boards.index_entries(facts) == 0  # and the repeat counts nothing twice
    expected = sorted(((m.pk, 8) for m in members), key=lambda row: row[0])
    assert _top(redis_boards) == expected
    assert _top(redis_boards, "challenge-9") == expected


def test_a_batch_larger_than_one_script_call_is_split_and_counted_once(redis_boards, monkeypatch):
    monkeypatch.setattr(redis_index, "INDEX_CHUNK", 4)
    now = timezone.now()
    facts = [
        (
            10_000 + n,
            EntryFacts(
                member_id=900 + n % 5,
                points=n + 1,
                occurred_at=now,
                department_id=7 if n % 2 else None,
                location_id=None,
                visibility="hidden" if n % 5 == 4 else "visible",
                active=n != 3,  # an inactive member's entry is marked but counts nowhere
                boards=(),
            ),
        )
        for n in range(10)
    ]
    assert redis_boards.index_entries(facts) == 10  # three script calls: 4 + 4 + 2
    assert redis_boards.index_entries(facts[:6]) == 0
    everyone = redis_boards.key("all", "all", "everyone")
    public = redis_boards.key("all", "all", "public")
    scores = {m: redis_boards.client.zscore(everyone, encode_member(m)) for m in range(900, 905)}
    assert scores == {900: 1 + 6, 901: 2 + 7, 902: 3 + 8, 903: 9, 904: 5 + 10}  # 4 (member 903) was inactive
    assert redis_boards.client.zscore(public, encode_member(904)) is None  # hidden
    department = redis_boards.key("department-7", "all", "public")
    assert redis_boards.client.zcard(department) == 3  # odd entries, less the inactive one and the hidden one


# --- Redis agrees with SQL on random ledgers -------------------------------------------------


member_strategy = st.tuples(
    st.sampled_from([None, 0, 1]),  # department
    st.sampled_from([None, 0, 1]),  # location
    st.sampled_from([VISIBLE, VISIBLE, ANONYMOUS, HIDDEN]),  # visibility while earning
    st.sampled_from([None, None, None, VISIBLE, HIDDEN, "inactive", "move"]),  # change afterwards
)


award_strategy = st.tuples(
    st.integers(0, 7),  # member (modulo the number of members)
    st.sampled_from([0, 1, 2, 2, 3, 5]),  # points: small, so ties are common
    st.sampled_from([0, 0, 3, 9, 20, 45]),  # days ago
    st.sampled_from([(), (), ("challenge-1",), ("challenge-1", "challenge-2")]),
)


correction_strategy = st.tuples(st.integers(0, 7), st.sampled_from([-6, -2, -1, 1, 4]))


# Five examples at each of the six awkward moments (tests/clock.py): 30 random ledgers a run.
@hypothesis_settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    member_specs=st.lists(member_strategy, min_size=1, max_size=8),
    awards=st.lists(award_strategy, max_size=14),
    corrections=st.lists(correction_strategy, max_size=4),
)
@pytest.mark.clock
def test_redis_gives_the_same_boards_as_sql_for_random_ledgers(
    redis_url, django_capture_on_commit_callbacks, member_specs, awards, corrections
):
    prefix = f"lbtest:{uuid.uuid4().hex[:12]}"
    savepoint = transaction.savepoint()
    try:
        with override_settings(LEADERBOARD_KEY_PREFIX=prefix):
            ledger = Ledger(django_capture_on_commit_callbacks)
            departments, locations, members = random_organisation(member_specs)
            now = timezone.now()
            for i, (who, points, days_ago, boards) in enumerate(awards):
                when = now - datetime.timedelta(days=days_ago, minutes=i)
                ledger.award(members[who % len(members)], points, when=when, boards=boards)
            for who, points in corrections:
                ledger.correct(members[who % len(members)], points)

            backend = redis_backend(redis_url, prefix)
            boards = all_boards(departments, locations)
            assert_same_boards(backend, members, boards)

            # Changes after the fact: set_visibility puts members where they now belong.
            changed = False
            for member, (_d, _loc, _visibility, change) in zip(members, member_specs, strict=True):
                if change is None:
                    continue
                changed = True
                if change == "inactive":
                    member.is_active = False
                elif change == "move":
                    member.department = departments[1] if member.department_id == departments[0].pk else departments[0]
                    member.location = None
                else:
                    member.leaderboard_visibility = change
                member.save(update_fields=["is_active", "department", "location", "leaderboard_visibility"])
                backend.set_visibility(member.pk)
            if changed:
                assert_same_boards(backend, members, boards)

            # A rebuild from the ledger gives exactly the live index.
            live = snapshot(backend, boards)
            backend.rebuild()
            assert snapshot(backend, boards) == live
    finally:
        transaction.savepoint_rollback(savepoint)
        delete_prefix(redis_url, prefix)
