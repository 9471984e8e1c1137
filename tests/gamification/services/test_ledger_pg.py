"""The award as one prepared PostgreSQL statement, for rules without cheat guards: it must
leave exactly what the portable path leaves."""

import threading
from unittest import mock

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from gamification.models import (
    ActiveWeek,
    BoardEntry,
    BoardTotal,
    LevelReached,
    PointsEntry,
    PointsTotal,
)
from gamification.services import points
from gamification.services.points import Skipped, record_action
from people.models import Notification
from tests.factories import DepartmentFactory, LocationFactory, MemberFactory
from tests.gamification.factories import PointRuleFactory

pytestmark = pytest.mark.django_db


def _state(members):
    """Everything an award writes, without ids and timestamps that differ between runs."""
    ids = [m.pk for m in members]
    return {
        "ledger": sorted(
            PointsEntry.objects.filter(member_id__in=ids).values_list("member_id", "action", "ref", "points", "label")
        ),
        "totals": sorted(PointsTotal.objects.filter(member_id__in=ids).values_list("member_id", "total")),
        "boards": sorted(BoardEntry.objects.filter(member_id__in=ids).values_list("member_id", "board", "points")),
        "board_totals": sorted(
            BoardTotal.objects.filter(member_id__in=ids).values_list("member_id", "board", "bucket", "points")
        ),
        "weeks": sorted(ActiveWeek.objects.filter(member_id__in=ids).values_list("member_id", "week")),
        "levels": sorted(LevelReached.objects.filter(member_id__in=ids).values_list("member_id", "number")),
        "notifications": sorted(Notification.objects.filter(member_id__in=ids).values_list("member_id", "kind")),
    }


def _play(members, django_capture_on_commit_callbacks):
    """A run of awards covering first awards, duplicates, extra boards, zero and negative
    points and level thresholds; returns what each call answered."""
    answers = []
    moments = [timezone.now() - timezone.timedelta(days=d) for d in (0, 8, 15)]
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(24):
            n = i // 2  # every odd call repeats the one before it
            award = record_action(
                member=members[n % len(members)],
                action=("paths_big", "paths_small", "paths_zero", "paths_minus")[n % 4],
                ref=f"ref:{n}",
                occurred_at=moments[n % 3],
                boards=["challenge-3"] if n % 3 == 0 else [],
                label=f"label {i}",
            )
            answers.append((award.created, award.skipped, award.points, award.levels_reached))
    return answers


def _rules():
    PointRuleFactory(action="paths_big", label="Big", points=60)
    PointRuleFactory(action="paths_small", label="Small", points=7)
    PointRuleFactory(action="paths_zero", label="Zero", points=0)
    PointRuleFactory(action="paths_minus", label="Minus", points=-3)


@pytest.mark.clock
def test_one_statement_and_portable_paths_leave_the_same_state(require_postgres, django_capture_on_commit_callbacks):
    _rules()
    department, location = DepartmentFactory(), LocationFactory()
    results = {}
    for one_statement in (True, False):
        members = [MemberFactory(department=department, location=location) for _ in range(3)]
        with override_settings(GAMIFICATION_ONE_STATEMENT_AWARDS=one_statement):
            answers = _play(members, django_capture_on_commit_callbacks)
        state = _state(members)
        # Same shape for both runs: number the members by position.
        position = {m.pk: n for n, m in enumerate(members)}
        for key, rows in state.items():
            state[key] = sorted((position[row[0]], *row[1:]) for row in rows)
        results[one_statement] = (answers, state)
    assert results[True] == results[False]
    answers, state = results[True]
    assert any(a[1] == Skipped.DUPLICATE for a in answers)
    assert state["levels"], "the run crosses level thresholds"


def test_the_one_statement_path_is_used_for_rules_without_guards(require_postgres, member):
    PointRuleFactory(action="fast", label="Fast", points=5)
    PointRuleFactory(action="capped", label="Capped", points=5, daily_cap=3)
    with mock.patch.object(points, "_record_in_one_statement", wraps=points._record_in_one_statement) as fast:
        record_action(member=member, action="fast", ref="a")
        record_action(member=member, action="capped", ref="a")
    assert fast.call_count == 1
    assert PointsTotal.objects.get(member=member).total == 10


def test_one_statement_award_on_a_member_without_a_total_row(require_postgres, member):
    PointRuleFactory(action="first_ever", label="First", points=55)
    PointsTotal.objects.filter(member=member).delete()
    award = record_action(member=member, action="first_ever", ref="1")
    assert award.created and award.levels_reached == (2,)
    assert PointsTotal.objects.get(member=member).total == 55
    assert connection.vendor == "postgresql"


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_the_award_statement_is_prepared_once_and_nothing_else_is(require_postgres, settings):
    # Django's cursors bind on the client and Django switches psycopg's preparing off, so an
    # award that merely asked for prepare=True was planned anew every time, unnoticed. Each
    # run is a thread of its own: a new connection with nothing prepared yet.
    PointRuleFactory(action="prepared", label="Prepared", points=2)
    members = [MemberFactory() for _ in range(3)]

    def awards_then_prepared(tag):
        try:
            for i, person in enumerate(members * 2):
                record_action(
                    member=person, action="prepared", ref=f"{tag}{i}", boards=["challenge-3"] if i % 2 else ()
                )
            for _ in range(10):
                list(PointsEntry.objects.filter(member=members[0]))  # ORM queries stay unprepared
            return _prepared_statements()
        finally:
            connection.close()

    def in_a_new_connection(tag):
        result = []
        thread = threading.Thread(target=lambda: result.append(awards_then_prepared(tag)))
        thread.start()
        thread.join(30)
        return result[0]

    statements = in_a_new_connection("on")
    assert len(statements) == 1
    assert "INSERT INTO gamification_pointsentry" in statements[0]
    settings.GAMIFICATION_PREPARED_AWARDS = False  # behind a pooler that cannot keep them
    assert in_a_new_connection("off") == []
    assert PointsTotal.objects.get(member=members[0]).total == 8
