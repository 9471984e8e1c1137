"""The fast ways through ``record_action``: one PostgreSQL statement for rules without cheat
guards, the process-local rule cache, coalesced broadcasts and badge evaluation, and the
batched Redis index. Each must leave exactly what the portable path leaves."""

import threading
import time
import uuid
from unittest import mock

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from core import memo
from gamification import badges, leaderboards, services, tasks
from gamification.leaderboards import BoardKey, sql_backend
from gamification.models import (
    ActiveWeek,
    BadgeAward,
    BadgeClass,
    BadgeCriterion,
    BoardEntry,
    Level,
    LevelReached,
    PointRule,
    PointsEntry,
    PointsTotal,
)
from gamification.services import Skipped, record_action
from people.models import Notification
from tests.concurrency import run_at_once
from tests.factories import DepartmentFactory, LocationFactory, MemberFactory

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
                members[n % len(members)],
                ("paths_big", "paths_small", "paths_zero", "paths_minus")[n % 4],
                f"ref:{n}",
                moments[n % 3],
                boards=["challenge-3"] if n % 3 == 0 else [],
                label=f"label {i}",
            )
            answers.append((award.created, award.skipped, award.points, award.levels_reached))
    return answers


def _rules():
    PointRule.objects.create(action="paths_big", label="Big", points=60)
    PointRule.objects.create(action="paths_small", label="Small", points=7)
    PointRule.objects.create(action="paths_zero", label="Zero", points=0)
    PointRule.objects.create(action="paths_minus", label="Minus", points=-3)


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
    PointRule.objects.create(action="fast", label="Fast", points=5)
    PointRule.objects.create(action="capped", label="Capped", points=5, daily_cap=3)
    with mock.patch.object(services, "_record_in_one_statement", wraps=services._record_in_one_statement) as fast:
        record_action(member, "fast", "a")
        record_action(member, "capped", "a")
    assert fast.call_count == 1
    assert PointsTotal.objects.get(member=member).total == 10


def test_an_award_inside_a_rolled_back_transaction_leaves_nothing(member, django_capture_on_commit_callbacks):
    PointRule.objects.create(action="doomed", label="Doomed", points=5)
    with (
        mock.patch.object(leaderboards, "index_entry") as index,
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        assert record_action(member, "doomed", "x").created
        raise RuntimeError
    index.assert_not_called()
    assert not PointsEntry.objects.exists()
    assert not PointsTotal.objects.filter(member=member, total__gt=0).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_awards_to_one_member_add_up(require_postgres):
    """Different refs at once: the total row serialises them, nothing is lost."""
    # An earlier transactional test may have flushed the levels the data migration made.
    Level.objects.get_or_create(number=1, defaults={"name": "Starter", "threshold": 0})
    Level.objects.get_or_create(number=2, defaults={"name": "Verkenner", "threshold": 50})
    member = MemberFactory()
    PointRule.objects.create(action="burst", label="Burst", points=3)
    counter = iter(range(100))
    lock = threading.Lock()

    def award():
        with lock:
            n = next(counter)
        record_action(member, "burst", f"ref:{n}")

    assert run_at_once([award] * 20) == []
    assert PointsEntry.objects.filter(member=member).count() == 20
    assert PointsTotal.objects.get(member=member).total == 60
    # Exactly one of the twenty crossed 50 points, and only it announced level 2.
    assert list(LevelReached.objects.filter(member=member).values_list("number", flat=True)) == [2]
    assert Notification.objects.filter(member=member, kind="level_reached").count() == 1


def test_a_saved_rule_applies_at_once_in_this_process(member):
    rule = PointRule.objects.create(action="tuned", label="Tuned", points=5)
    assert record_action(member, "tuned", "1").points == 5
    rule.points = 9
    rule.save()
    assert record_action(member, "tuned", "2").points == 9
    rule.delete()
    assert record_action(member, "tuned", "3").skipped == Skipped.NO_RULE


def test_rules_are_read_once_per_window(member, django_assert_num_queries):
    PointRule.objects.create(action="cached", label="Cached", points=1)
    services.rule_for("cached")
    with django_assert_num_queries(0):
        for _ in range(5):
            assert services.rule_for("cached").points == 1


def test_first_in_answers_yes_once_per_window():
    name = f"test:first:{uuid.uuid4().hex}"
    assert memo.first_in(name, 60)
    assert not memo.first_in(name, 60)
    memo.forget_all()  # another process: its own memory, the shared cache still says no
    assert not memo.first_in(name, 60)


# --- badges: evaluated soon, in batches, with Redis and a worker ---------------------------


@pytest.fixture
def due_redis(redis_url):
    badges.due.clear()
    yield badges.due.client
    badges.due.clear()


def test_badges_are_evaluated_by_one_task_for_many_awards(member, make_member, due_redis, settings):
    PointRule.objects.create(action="due_action", label="Due", points=5)
    BadgeClass.objects.create(
        slug="due-first",
        name="Eerste",
        description="First",
        criterion=BadgeCriterion.ACTION_COUNT,
        action="due_action",
        count=1,
    )
    others = [make_member() for _ in range(3)]
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch.object(tasks.evaluate_due_badges, "apply_async") as apply_async:
        badges.evaluate_soon([member.pk, others[0].pk])
        badges.evaluate_soon([o.pk for o in others[1:]] + [member.pk])
    apply_async.assert_called_once_with(countdown=badges.DUE_EVERY)
    assert {int(m) for m in due_redis.smembers(badges.due.key)} == {member.pk, *(o.pk for o in others)}

    for person in [member, *others]:
        record_action(person, "due_action", "x")  # eager off: nothing evaluated yet...
    assert not BadgeAward.objects.exists()
    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert tasks.evaluate_due_badges() == 4  # ...until the one task runs
    assert tasks.evaluate_due_badges() == 0  # safe to run twice
    assert BadgeAward.objects.count() == 4


def test_due_badges_are_worked_through_in_chunks(member, make_member, due_redis):
    ids = [member.pk, *(make_member().pk for _ in range(4))]
    due_redis.sadd(badges.due.key, *ids)
    awarded, more = badges.evaluate_due(limit=2)
    assert (awarded, more) == (0, True)
    assert due_redis.scard(badges.due.key) == 3


# --- the batched Redis index -----------------------------------------------------------------


@pytest.fixture
def redis_boards(redis_url, settings):
    from gamification.leaderboards_redis import FallbackBackend, RedisBackend

    prefix = f"lbtest:{uuid.uuid4().hex[:12]}"
    settings.LEADERBOARD_KEY_PREFIX = prefix
    settings.LEADERBOARD_BACKEND = "redis"
    backend = RedisBackend.from_settings()
    backend.client.set(backend.ready_key, 1)
    FallbackBackend.reset()
    yield backend
    for key in backend.client.scan_iter(match=f"{prefix}:*"):
        backend.client.delete(key)
    FallbackBackend.reset()


def _top(backend, board="all"):
    return [(r.member_id, r.points) for r in backend.top(BoardKey(board), "all", 10)]


def test_a_batch_of_entries_is_indexed_in_one_pipeline_once(redis_boards, make_member):
    PointRule.objects.create(action="batch", label="Batch", points=4)
    members = [make_member() for _ in range(3)]
    facts = []
    for n, person in enumerate(members * 2):
        entry = PointsEntry.objects.create(member=person, action="batch", ref=str(n), points=4)
        facts.append(
            (
                entry.pk,
                leaderboards.EntryFacts(
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
    from gamification import leaderboards_redis

    monkeypatch.setattr(leaderboards_redis, "INDEX_CHUNK", 4)
    now = timezone.now()
    facts = [
        (
            10_000 + n,
            leaderboards.EntryFacts(
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
    scores = {m: redis_boards.client.zscore(everyone, leaderboards_redis.encode_member(m)) for m in range(900, 905)}
    assert scores == {900: 1 + 6, 901: 2 + 7, 902: 3 + 8, 903: 9, 904: 5 + 10}  # 4 (member 903) was inactive
    assert redis_boards.client.zscore(public, leaderboards_redis.encode_member(904)) is None  # hidden
    department = redis_boards.key("department-7", "all", "public")
    assert redis_boards.client.zcard(department) == 3  # odd entries, less the inactive one and the hidden one


def test_awards_reach_the_redis_boards_through_the_batching_thread(
    redis_boards, make_member, settings, django_capture_on_commit_callbacks
):
    settings.AFTER_COMMIT_BATCH_SECONDS = 0.05
    PointRule.objects.create(action="threaded", label="Threaded", points=6)
    members = [make_member() for _ in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        for person in members:
            record_action(person, "threaded", "1")
    deadline = time.monotonic() + 10
    while len(_top(redis_boards)) < 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _top(redis_boards) == [(m.pk, 6) for m in sorted(members, key=lambda m: m.pk)]
    assert _top(redis_boards) == [(r.member_id, r.points) for r in sql_backend().top(BoardKey("all"), "all", 10)]


def test_one_statement_award_on_a_member_without_a_total_row(require_postgres, member):
    PointRule.objects.create(action="first_ever", label="First", points=55)
    PointsTotal.objects.filter(member=member).delete()
    award = record_action(member, "first_ever", "1")
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
    PointRule.objects.create(action="prepared", label="Prepared", points=2)
    members = [MemberFactory() for _ in range(3)]

    def awards_then_prepared(tag):
        try:
            for i, person in enumerate(members * 2):
                record_action(person, "prepared", f"{tag}{i}", boards=["challenge-3"] if i % 2 else ())
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
