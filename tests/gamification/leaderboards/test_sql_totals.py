"""The SQL boards read from the period totals (``BoardTotal``) give exactly the boards that
ranking the ledger gives, on random ledgers at the awkward moments, whatever members did
afterwards; a board costs the same number of queries however many members it has."""

import datetime
import itertools

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from gamification.leaderboards.boards import BoardKey
from gamification.leaderboards.periods import PERIODS
from gamification.leaderboards.sql import sql_backend
from gamification.leaderboards.sql_ledger import ledger_backend
from gamification.models import BoardTotal, PointRule
from gamification.services import board_totals
from gamification.services.points import record_action
from people.services.privacy import anonymise
from tests.factories import DepartmentFactory, MemberFactory
from tests.gamification.leaderboards.helpers import (
    ALL,
    ANONYMOUS,
    HIDDEN,
    VISIBLE,
    Ledger,
    all_boards,
    random_organisation,
)

pytestmark = pytest.mark.django_db


def assert_same_as_the_ledger(members, boards):
    """Whole boards for every board, period and audience; every member's place with their
    neighbours (two and one either side) on the "all" board, and one member's, a different one
    each time, on the others (as the Redis comparison does: every member everywhere cost a
    test minute per lane and found nothing the random members across examples do not)."""
    totals, ledger = sql_backend(), ledger_backend()
    combinations = itertools.product(boards, PERIODS, (False, True))
    for i, (board, period, include_hidden) in enumerate(combinations):
        label = (board.name, period, include_hidden)
        everyone = board == ALL
        for n in (100, 3, 1) if everyone else (100,):
            assert totals.top(board, period, n, include_hidden=include_hidden) == ledger.top(
                board, period, n, include_hidden=include_hidden
            ), (*label, n)
        for member in members if everyone else [members[i % len(members)]]:
            for distance in (2, 1) if everyone else (i % 2 + 1,):
                assert totals.around(
                    board, period, member.pk, include_hidden=include_hidden, distance=distance
                ) == ledger.around(board, period, member.pk, include_hidden=include_hidden, distance=distance), (
                    *label,
                    member.pk,
                    distance,
                )


def _stored_totals():
    return sorted(BoardTotal.objects.values_list("member_id", "board", "bucket", "points"))


member_strategy = st.tuples(
    st.sampled_from([None, 0, 1]),  # department
    st.sampled_from([None, 0, 1]),  # location
    st.sampled_from([VISIBLE, VISIBLE, ANONYMOUS, HIDDEN]),  # visibility while earning
    st.sampled_from([None, None, None, VISIBLE, HIDDEN, "inactive", "move", "erase"]),  # afterwards
)

award_strategy = st.tuples(
    st.integers(0, 7),  # member (modulo the number of members)
    st.sampled_from([0, 1, 2, 2, 3, 5, -2]),  # points: small, so ties are common; a reversal
    st.sampled_from([0, 0, 0, 1, 3, 9, 20, 45, 400]),  # days ago
    st.sampled_from([0, 0, 30, 90, 600]),  # and minutes: either side of midnight and of a Monday
    st.sampled_from([(), (), ("challenge-1",), ("challenge-1", "challenge-2"), ("department-1", "prize-1")]),
    st.booleans(),  # a rule with a daily cap: the portable path on PostgreSQL too
)

correction_strategy = st.tuples(st.integers(0, 7), st.sampled_from([-6, -2, -1, 1, 4]))


def _award(ledger, member, points, when, boards, capped, n):
    """An award through ``ledger``, or through a rule with a daily cap (the portable path)."""
    if not capped:
        return ledger.award(member, points, when=when, boards=boards)
    action = f"lbtest_cap_{'m' if points < 0 else 'p'}{abs(points)}"
    PointRule.objects.get_or_create(action=action, defaults={"label": action, "points": points, "daily_cap": 1000})
    with ledger.capture(execute=True):
        assert record_action(member=member, action=action, ref=f"cap:{n}", occurred_at=when, boards=boards).created


# Five examples at each of the six awkward moments (tests/clock.py), as the Redis comparison.
@hypothesis_settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    member_specs=st.lists(member_strategy, min_size=1, max_size=8),
    awards=st.lists(award_strategy, max_size=16),
    corrections=st.lists(correction_strategy, max_size=4),
)
@pytest.mark.clock
def test_boards_from_the_totals_are_the_boards_of_the_ledger(
    django_capture_on_commit_callbacks, member_specs, awards, corrections
):
    savepoint = transaction.savepoint()
    try:
        ledger = Ledger(django_capture_on_commit_callbacks)
        departments, locations, members = random_organisation(member_specs)
        now = timezone.now()
        for i, (who, points, days_ago, minutes, boards, capped) in enumerate(awards):
            when = now - datetime.timedelta(days=days_ago, minutes=minutes + i)
            _award(ledger, members[who % len(members)], points, when, boards, capped, i)
        for who, points in corrections:
            ledger.correct(members[who % len(members)], points)
        boards = all_boards(departments, locations)
        assert_same_as_the_ledger(members, boards)

        # A rebuild from the ledger gives exactly the totals the awards kept.
        live = _stored_totals()
        assert board_totals.rebuild() == len(live)
        assert _stored_totals() == live

        # Changes after the fact: nothing to move, the boards read the member.
        for member, (_d, _loc, _visibility, change) in zip(members, member_specs, strict=True):
            if change == "erase":
                anonymise(member=member)
                continue
            if change == "inactive":
                member.is_active = False
            elif change == "move":
                member.department = departments[1] if member.department_id == departments[0].pk else departments[0]
                member.location = None
            elif change is not None:
                member.leaderboard_visibility = change
            member.save(update_fields=["is_active", "department", "location", "leaderboard_visibility"])
        assert_same_as_the_ledger(members, boards)
    finally:
        transaction.savepoint_rollback(savepoint)


@pytest.mark.parametrize("board_name", ["all", "department", "challenge-1"])
@pytest.mark.parametrize("period", PERIODS)
def test_a_board_costs_the_same_queries_for_three_members_or_thirty(
    ledger, django_assert_num_queries, board_name, period
):
    sales = DepartmentFactory(name="Sales")
    board = BoardKey("department", sales.pk) if board_name == "department" else BoardKey(*_split(board_name))
    backend = sql_backend()
    counts = []
    for size in (3, 30):
        members = [MemberFactory(department=sales) for _ in range(size)]
        for i, member in enumerate(members):
            ledger.award(member, 1 + i % 4, boards=["challenge-1"])
        middle = members[size // 2]
        with django_assert_num_queries(1) as top:
            rows = backend.top(board, period, 10)
        assert len(rows) == min(size, 10)
        with django_assert_num_queries(2) as around:
            me, neighbours = backend.around(board, period, middle.pk)
        assert me is not None and len(neighbours) == (2 if size == 3 else 4)
        counts.append((len(top.captured_queries), len(around.captured_queries)))
        outsider = MemberFactory()
        with django_assert_num_queries(1):
            assert backend.around(board, period, outsider.pk) == (None, [])
    assert counts[0] == counts[1]


def _split(name):
    kind, _, number = name.partition("-")
    return (kind, int(number)) if number else (kind,)
