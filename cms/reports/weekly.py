"""Report figures from the weekly rollup (``gamification.ActivityWeek``) instead of the
ledger and the activity tables: the whole weeks (Monday to Sunday, Europe/Amsterdam) inside
a period come from the rollup, the days at its edges from the source rows, so every figure
is exactly what the sources say while a year reads ~52 small rows per member at most
instead of every ledger line. Each function is one or two queries, whatever the period.

Counts (lessons, shares) add up across weeks; "active" (distinct members) is the union of
the members in the rollup's weeks (its ``active`` rows, one per member and week, not the
per-action ``ledger`` rows) and those in the edge days, counted once."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from people.models import Member

from . import grouping
from .grouping import Scope

LEDGER = "ledger"
ACTIVE = "active"  # one row per member and week with any ledger line


@dataclass(frozen=True)
class Split:
    """A period cut into whole weeks (``first``..``last`` Mondays, inclusive; None when
    there is none) and the ranges of moments outside them (``[from, to)``)."""

    first: datetime.date | None
    last: datetime.date | None
    edges: tuple[tuple[datetime.datetime, datetime.datetime], ...]


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _aligned(start: datetime.datetime, end: datetime.datetime) -> bool:
    start, end = timezone.localtime(start), timezone.localtime(end)
    return start.time() == datetime.time.min and end.time() == datetime.time.max


def split_days(first_day: datetime.date, last_day: datetime.date) -> Split:
    """Whole local days ``first_day``..``last_day`` (inclusive) as whole weeks and edges."""
    first = first_day + datetime.timedelta(days=(7 - first_day.weekday()) % 7)
    last_sunday = last_day - datetime.timedelta(days=(last_day.weekday() + 1) % 7)
    last = last_sunday - datetime.timedelta(days=6)
    if first > last:
        return Split(None, None, ((_midnight(first_day), _midnight(last_day + datetime.timedelta(days=1))),))
    edges = []
    if first_day < first:
        edges.append((_midnight(first_day), _midnight(first)))
    if last_sunday < last_day:
        edges.append(
            (_midnight(last_sunday + datetime.timedelta(days=1)), _midnight(last_day + datetime.timedelta(days=1)))
        )
    return Split(first, last, tuple(edges))


def split(start: datetime.datetime, end: datetime.datetime) -> Split:
    """``split_days`` for a period from a local midnight to the end of a local day (what
    ``scope_for`` makes); any other period is all edge, read from the sources."""
    if not _aligned(start, end):
        return Split(None, None, ((start, end + datetime.timedelta(microseconds=1)),))
    return split_days(timezone.localtime(start).date(), timezone.localtime(end).date())


def _edge_q(parts: Split, date_field: str) -> Q | None:
    q = None
    for lo, hi in parts.edges:
        one = Q(**{f"{date_field}__gte": lo, f"{date_field}__lt": hi})
        q = one if q is None else q | one
    return q


def _rollup(scope: Scope, parts: Split, kind: str) -> QuerySet:
    rows = grouping.model("gamification.ActivityWeek").objects.filter(kind=kind)
    return rows.filter(week__gte=parts.first, week__lte=parts.last)


def _add(a: dict, b: dict) -> dict:
    out = dict(a)
    for key, value in b.items():
        out[key] = out.get(key, 0) + (value or 0)
    return out


def counted(scope: Scope, group: str, *, kind: str, source: QuerySet, date_field: str, path: str) -> dict:
    """How many ``source`` rows fall in the scope's period, per group: ``kind``'s counts
    for the whole weeks plus the source rows on the edge days."""
    parts = split(scope.start, scope.end)
    result: dict = {}
    if parts.first is not None:
        result = grouping.grouped(
            _rollup(scope, parts, kind), path="member", scope=scope, group=group, value=Sum("count")
        )
    edge = _edge_q(parts, date_field)
    if edge is not None:
        result = _add(
            result, grouping.grouped(source.filter(edge), path=path, scope=scope, group=group, value=Count("id"))
        )
    return result


def active_members(scope: Scope, group: str, *, ledger: QuerySet, start: datetime.datetime) -> dict:
    """Members with a ledger line from ``start`` to the scope's end, per group (one query).

    The members of the whole weeks and of the edge days are one ``UNION`` that the member
    table is semi-joined to: an ``OR`` of two ``IN`` subqueries is a filter PostgreSQL
    checks row by row against hashed subplans, which it stops hashing when they outgrow
    ``work_mem``."""
    parts = split(start, scope.end)
    ids = None
    if parts.first is not None:
        ids = _rollup(scope, parts, ACTIVE).order_by().values("member_id")
    edge = _edge_q(parts, "occurred_at")
    if edge is not None:
        edge_ids = ledger.filter(edge).order_by().values("member_id")
        ids = edge_ids if ids is None else ids.union(edge_ids)
    return grouping.grouped(Member.objects.filter(pk__in=ids), path=None, scope=scope, group=group, value=Count("id"))


def _week_key(week) -> datetime.date:
    return week.date() if isinstance(week, datetime.datetime) else week


def weekly(scope: Scope, *, kind: str, source: QuerySet, date_field: str, path: str, distinct: bool) -> dict:
    """``{Monday: value}`` over the scope: the whole weeks from the rollup, the partial
    weeks at the edges from ``source`` (two queries at most). ``distinct`` counts members:
    from a kind with one row per member and week (``ACTIVE``, ``lessons``, not ``LEDGER``)."""
    parts = split(scope.start, scope.end)
    result: dict = {}
    if parts.first is not None:
        rows = _rollup(scope, parts, kind).filter(**grouping.member_filter(scope, "member")).order_by()
        value = Count("member") if distinct else Sum("count")
        result = dict(rows.values("week").annotate(v=value).values_list("week", "v"))
    edge = _edge_q(parts, date_field)
    if edge is not None:
        value = Count(path, distinct=True) if distinct else Count("id")
        rows = source.filter(edge).filter(**grouping.member_filter(scope, path)).order_by()
        for week, v in (
            rows.annotate(week=TruncWeek(date_field)).values("week").annotate(v=value).values_list("week", "v")
        ):
            key = _week_key(week)
            result[key] = result.get(key, 0) + v
    return result
