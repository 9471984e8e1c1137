"""The weekly activity rollup against the ledger and the activity rows: on random data
around each awkward moment of the clock (a month starting mid-week, the DST nights,
31 December, 29 February, Monday 00:30), every figure and weekly trend the reports read
from the rollup equals what the rows say (the report as it was computed before), the
rebuild gives the rollup the services kept, and ``record_action`` keeps it (the action's
row and the member's ``active`` row of the week)."""

import datetime
import importlib
import random
import uuid
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from challenges.models import Share
from cms.reports import metrics, selectors
from cms.reports.metrics import Scope
from cms.reports.services import rebuild_rollup
from gamification.models import ActivityWeek, PointsEntry
from gamification.services.activity import count_activity
from gamification.services.points import record_action
from learning.models import CourseCompletion, LessonCompletion
from people.models import Department, Location, Member
from tests.challenges.factories import StoryFactory
from tests.cms.reports.factories import share
from tests.factories import MemberFactory
from tests.gamification.factories import PointRuleFactory, PointsEntryFactory

pytestmark = pytest.mark.django_db


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _moments(rng: random.Random, today: datetime.date, n: int) -> list[datetime.datetime]:
    """Random moments within ~15 weeks of today, a third of them exactly at or just before
    a local midnight (where a week, a month or a year turns)."""
    out = []
    for _ in range(n):
        day = today + datetime.timedelta(days=rng.randint(-100, 8))
        kind = rng.random()
        if kind < 0.17:
            out.append(_local_midnight(day))
        elif kind < 0.34:
            out.append(_local_midnight(day) - datetime.timedelta(microseconds=1))
        else:
            out.append(_local_midnight(day) + datetime.timedelta(seconds=rng.randint(0, 86399)))
    return out


def random_org(seed: int):
    rng = random.Random(seed)
    today = timezone.localdate()
    departments = [Department.objects.create(name=f"D{seed}-{i}") for i in range(3)]
    locations = [Location.objects.create(name=f"L{seed}-{i}") for i in range(2)]
    people = [
        MemberFactory(department=rng.choice([*departments, None]), location=rng.choice(locations)) for _ in range(24)
    ]
    for i, when in enumerate(_moments(rng, today, 260)):
        PointsEntryFactory(
            member=rng.choice(people),
            action=rng.choice(["lesson_completed", "story_shared", "correction"]),
            ref=f"r{i}",
            points=rng.choice([5, 10, -3, 0]),
            occurred_at=when,
        )
    for when in _moments(rng, today, 80):
        member = rng.choice(people)
        LessonCompletion.objects.create(
            member=member, lesson_key=uuid.uuid4(), course_key=uuid.uuid4(), completed_at=when
        )
        count_activity(member_id=member.pk, kind="lessons", at=when)
    for when in _moments(rng, today, 12):
        member = rng.choice(people)
        CourseCompletion.objects.create(
            member=member, course_key=uuid.uuid4(), course_title="C", member_name="x", completed_at=when
        )
        count_activity(member_id=member.pk, kind="courses", at=when)
    stories = [StoryFactory() for _ in range(3)]
    for when in _moments(rng, today, 30):
        member, story = rng.choice(people), rng.choice(stories)
        if not Share.objects.filter(member=member, story=story).exists():
            share(member, story, when=when)
    return rng, departments, locations


def scopes(rng: random.Random, departments, locations) -> list[Scope]:
    today = timezone.localdate()
    month_start = today.replace(day=1)
    spans = [
        (today - datetime.timedelta(days=89), today),
        (today - datetime.timedelta(days=364), today),
        (month_start, today),
        (month_start - datetime.timedelta(days=3), month_start + datetime.timedelta(days=3)),
        (today, today),
        (today - datetime.timedelta(days=today.weekday()), today + datetime.timedelta(days=6 - today.weekday())),
    ]
    for _ in range(8):
        a = today + datetime.timedelta(days=rng.randint(-110, 5))
        spans.append((a, a + datetime.timedelta(days=rng.randint(0, 60))))
    tz = timezone.get_current_timezone()
    out = []
    for i, (a, b) in enumerate(spans):
        out.append(
            Scope(
                start=datetime.datetime.combine(a, datetime.time.min, tzinfo=tz),
                end=datetime.datetime.combine(b, datetime.time.max, tzinfo=tz),
                department_id=departments[0].pk if i % 5 == 3 else None,
                location_id=locations[1].pk if i % 7 == 4 else None,
            )
        )
    return out


# --- the answers straight from the rows (the report before the rollup) -------------------


def _from_rows(scope: Scope, group: str) -> dict:
    def count(model, field):
        qs = model.objects.filter(**{f"{field}__gte": scope.start, f"{field}__lte": scope.end})
        return metrics.grouped(qs, path="member", scope=scope, group=group, value=Count("id"))

    ledger = PointsEntry.objects.filter(occurred_at__gt=scope.active_since, occurred_at__lte=scope.end)
    return {
        "active": metrics.grouped(
            ledger, path="member", scope=scope, group=group, value=Count("member", distinct=True)
        ),
        "lessons": count(LessonCompletion, "completed_at"),
        "courses": count(CourseCompletion, "completed_at"),
        "shares": count(Share, "created_at"),
    }


def _trend_from_rows(scope: Scope, model, field: str, distinct: bool) -> dict:
    qs = model.objects.filter(**{f"{field}__gte": scope.start, f"{field}__lte": scope.end})
    qs = qs.filter(**metrics.member_filter(scope, "member")).order_by()
    value = Count("member", distinct=True) if distinct else Count("id")
    rows = qs.annotate(week=TruncWeek(field)).values("week").annotate(v=value).values_list("week", "v")
    return {w.date() if isinstance(w, datetime.datetime) else w: v for w, v in rows}


def _nonzero(values: dict) -> dict:
    return {k: v for k, v in values.items() if v}


def assert_rollup_answers_equal_the_rows(scopes_to_check, groups=("place", "member", "total", "department")):
    for scope in scopes_to_check:
        for group in groups:
            keys = {"active", "lessons", "courses", "shares"}
            from_rollup = {k: _nonzero(v) for k, v in metrics.compute(scope, group, keys).items()}
            from_rows = {k: _nonzero(v) for k, v in _from_rows(scope, group).items()}
            assert from_rollup == from_rows, (scope, group)
        trends = {s["key"]: s["values"] for s in selectors.trends(scope)["series"]}
        weeks = selectors.weeks_between(scope.start, scope.end)
        for key, model, field, distinct in (
            ("active", PointsEntry, "occurred_at", True),
            ("lessons", LessonCompletion, "completed_at", False),
            ("shares", Share, "created_at", False),
        ):
            expected = _trend_from_rows(scope, model, field, distinct)
            assert trends[key] == [expected.get(w, 0) for w in weeks], (scope, key)


@pytest.mark.clock
def test_rollup_answers_equal_the_ledger_answers_on_random_data(clock_moment):
    rng, departments, locations = random_org(clock_moment.seed)  # an organisation of its own at each moment
    assert_rollup_answers_equal_the_rows(scopes(rng, departments, locations))


@pytest.mark.clock
def test_members_who_move_take_their_history_along_in_rollup_and_rows_alike(clock_moment):
    """A report groups by the member's department and location now, so a move (or leaving
    a department) moves their earlier weeks too: the rollup keeps no place of its own."""
    rng, departments, locations = random_org(clock_moment.seed + 1)
    movers = rng.sample(list(Member.objects.filter(department__in=departments)), 6)
    for i, member in enumerate(movers):
        member.department = None if i % 3 == 0 else rng.choice(departments)
        member.location = rng.choice(locations)
        member.save(update_fields=["department", "location"])
    all_scopes = scopes(rng, departments, locations)
    assert_rollup_answers_equal_the_rows(all_scopes[:6], groups=("place", "department"))
    # The under-5 rule still sees the moved members where they are now.
    report = selectors.participation(all_scopes[1])
    shown = {row.key: row.raw["members"] for row in report.departments if not row.combined}
    assert all(n >= 5 for n in shown.values())
    assert sum(row.raw["members"] for row in report.departments) == report.total.raw["members"]


def _active_from_ledger() -> set:
    by_week = {}
    for member_id, when, points in PointsEntry.objects.values_list("member_id", "occurred_at", "points"):
        day = timezone.localdate(when)
        key = (member_id, day - datetime.timedelta(days=day.weekday()))
        lines, total = by_week.get(key, (0, 0))
        by_week[key] = (lines + 1, total + points)
    return {(m, w, n, p) for (m, w), (n, p) in by_week.items()}


@pytest.mark.clock
def test_the_active_rows_are_the_ledger_lines_per_member_and_local_week(clock_moment):
    """One ``active`` row per member and Monday-to-Sunday week in Amsterdam, whatever the
    moment (lines at midnight, on the DST nights, on 29 February), as the services keep it."""
    random_org(clock_moment.seed + 2)
    rows = set(
        ActivityWeek.objects.filter(kind=ActivityWeek.ACTIVE).values_list("member_id", "week", "count", "points")
    )
    assert rows == _active_from_ledger()
    per_action = (
        ActivityWeek.objects.filter(kind=ActivityWeek.LEDGER)
        .values("member_id", "week")
        .annotate(n=Sum("count"), p=Sum("points"))
        .values_list("member_id", "week", "n", "p")
    )
    assert set(per_action) == rows


def test_the_migration_adds_the_active_rows_from_the_per_action_rows():
    random_org(6)
    kept = set(
        ActivityWeek.objects.filter(kind=ActivityWeek.ACTIVE).values_list("member_id", "week", "count", "points")
    )
    ActivityWeek.objects.filter(kind=ActivityWeek.ACTIVE).delete()
    migration = importlib.import_module("gamification.migrations.0007_activity_week_active_rows")
    with connection.cursor() as cursor:  # what the migration's schema editor does with its SQL
        migration.add_active_rows(apps, SimpleNamespace(execute=cursor.execute))
    rows = set(
        ActivityWeek.objects.filter(kind=ActivityWeek.ACTIVE).values_list("member_id", "week", "count", "points")
    )
    assert rows == kept
    assert rows


def _rollup_rows() -> set:
    return set(
        ActivityWeek.objects.filter(count__gt=0).values_list("member_id", "week", "kind", "action", "count", "points")
    )


@pytest.mark.clock
def test_the_rebuild_gives_the_rollup_the_services_kept():
    random_org(3)
    kept = _rollup_rows()
    assert kept
    ActivityWeek.objects.update(count=0, points=0)
    call_command("rebuild_activity_weeks", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _rollup_rows() == kept
    assert rebuild_rollup() == len(kept)  # run twice: the same rows
    assert _rollup_rows() == kept


@pytest.mark.clock
def test_record_action_adds_to_the_week_of_the_line_once():
    PointRuleFactory(action="rollup_test", points=7)
    member = MemberFactory()
    when = timezone.now()
    for _ in range(2):  # the retry is a duplicate and adds nothing
        record_action(member=member, action="rollup_test", ref="x", occurred_at=when)
    record_action(member=member, action="rollup_test", ref="y", occurred_at=when)
    PointRuleFactory(action="rollup_other", points=3)
    record_action(member=member, action="rollup_other", ref="z", occurred_at=when)
    monday = timezone.localdate(when) - datetime.timedelta(days=timezone.localdate(when).weekday())
    row = ActivityWeek.objects.get(member=member, kind=ActivityWeek.LEDGER, action="rollup_test")
    assert (row.week, row.count, row.points) == (monday, 2, 14)
    active = ActivityWeek.objects.get(member=member, kind=ActivityWeek.ACTIVE)
    assert (active.week, active.action, active.count, active.points) == (monday, "", 3, 17)


def test_the_year_dashboard_costs_the_same_queries_with_more_data(django_assert_max_num_queries):
    random_org(4)
    hr = MemberFactory(is_hr=True)
    scope = selectors.scope_for(member=hr, params={"from": "2026-01-01", "to": "2026-12-31"})
    with django_assert_max_num_queries(30) as first:
        selectors.participation(scope)
    random_org(5)
    with django_assert_max_num_queries(len(first.captured_queries)):
        selectors.participation(scope)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_rebuild_outside_a_transaction_leaves_the_rollup_vacuumed_for_index_only_reads(require_postgres):
    random_org(7)
    table = ActivityWeek._meta.db_table
    rows = rebuild_rollup()
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_vacuum, last_analyze FROM pg_stat_user_tables WHERE relname = %s", [table])
        vacuumed, analysed = cursor.fetchone()
    assert rows == ActivityWeek.objects.count()
    assert vacuumed is not None
    assert analysed is not None
