"""The participation metrics, one small aggregate query each, grouped by department,
location or member (or one total). Each app's figures are one entry in ``METRICS``; a
metric whose app is not installed is left out, so the report shows what exists.

Grouping follows the member who did it (a lesson counts for the learner's department, a
share for the sharer's, a story for its creator's)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from people.models import Member

ACTIVE_DAYS = 30
GROUP_FIELDS = {"department": "department_id", "location": "location_id", "member": "id"}


@dataclass(frozen=True)
class Scope:
    """What a report covers: a period and optionally one department and/or location, or
    (per-person pages) a list of members."""

    start: datetime.datetime
    end: datetime.datetime
    department_id: int | None = None
    location_id: int | None = None
    member_ids: tuple[int, ...] | None = None

    @property
    def active_since(self) -> datetime.datetime:
        return self.end - datetime.timedelta(days=ACTIVE_DAYS)


def member_filter(scope: Scope, path: str | None) -> dict:
    prefix = f"{path}__" if path else ""
    conditions = {}
    if scope.department_id:
        conditions[f"{prefix}department_id"] = scope.department_id
    if scope.location_id:
        conditions[f"{prefix}location_id"] = scope.location_id
    if scope.member_ids is not None:
        conditions[f"{prefix}id__in"] = scope.member_ids
    return conditions


def grouped(qs: QuerySet, *, path: str | None, scope: Scope, group: str, value) -> dict:
    """One aggregate query: ``value`` per group (``{"total": n}`` for the total). Group
    ``"place"`` is per (department, location) pair, which ``rollup`` turns into both tables
    with one scan: a member is in one department and one location, so even counts of
    distinct members add up."""
    qs = qs.filter(**member_filter(scope, path)).order_by()
    if group == "total":
        return {"total": qs.aggregate(v=value)["v"] or 0}
    if group == "place":
        keys = [f"{path}__{f}" if path else f for f in ("department_id", "location_id")]
        return {(d, loc): v for d, loc, v in qs.values(*keys).annotate(v=value).values_list(*keys, "v")}
    field = GROUP_FIELDS[group]
    key = (f"{path}_id" if path else "id") if group == "member" else (f"{path}__{field}" if path else field)
    return dict(qs.values(key).annotate(v=value).values_list(key, "v"))


def model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


@dataclass(frozen=True)
class Metric:
    key: str
    label: Promise
    compute: Callable[[Scope, str], dict]
    requires: tuple[str, ...] = ()

    @property
    def available(self) -> bool:
        return all(model(label) is not None for label in self.requires)


def members(scope, group):
    return grouped(
        Member.objects.filter(date_joined__lte=scope.end), path=None, scope=scope, group=group, value=Count("id")
    )


def active(scope, group):
    entries = model("gamification.PointsEntry").objects.filter(
        occurred_at__gt=scope.active_since, occurred_at__lte=scope.end
    )
    return grouped(entries, path="member", scope=scope, group=group, value=Count("member", distinct=True))


def creators(scope, group):
    qs = Member.objects.filter(date_joined__lte=scope.end, role__in=["creator", "activator", "editor", "master"])
    return grouped(qs, path=None, scope=scope, group=group, value=Count("id"))


def lessons(scope, group):
    qs = model("learning.LessonCompletion").objects.filter(completed_at__gte=scope.start, completed_at__lte=scope.end)
    return grouped(qs, path="member", scope=scope, group=group, value=Count("id"))


def courses(scope, group):
    qs = model("learning.CourseCompletion").objects.filter(completed_at__gte=scope.start, completed_at__lte=scope.end)
    return grouped(qs, path="member", scope=scope, group=group, value=Count("id"))


def path_members(scope, group):
    qs = model("learning.PathCompletion").objects.filter(completed_at__lte=scope.end)
    return grouped(qs, path="member", scope=scope, group=group, value=Count("member", distinct=True))


def sessions_attended(scope, group):
    qs = model("events.Registration").objects.filter(
        attended=True, session__starts_at__gte=scope.start, session__starts_at__lte=scope.end
    )
    return grouped(qs, path="member", scope=scope, group=group, value=Count("id"))


def challenge_entries(scope, group):
    qs = model("challenges.Story").objects.filter(
        challenge__isnull=False, submitted_at__gte=scope.start, submitted_at__lte=scope.end
    )
    return grouped(qs, path="creator", scope=scope, group=group, value=Count("id"))


def stories_approved(scope, group):
    qs = model("challenges.Story").objects.filter(
        status="approved", approved_at__gte=scope.start, approved_at__lte=scope.end
    )
    return grouped(qs, path="creator", scope=scope, group=group, value=Count("id"))


def shares(scope, group):
    qs = model("challenges.Share").objects.filter(created_at__gte=scope.start, created_at__lte=scope.end)
    return grouped(qs, path="member", scope=scope, group=group, value=Count("id"))


def unique_clicks(scope, group):
    """Clicks are stored once per link, visitor and day, so every row is a unique click."""
    qs = model("challenges.ShareClick").objects.filter(day__gte=scope.start.date(), day__lte=scope.end.date())
    return grouped(qs, path="link__member", scope=scope, group=group, value=Count("id"))


def linkedin_ticks(scope, group):
    items = model("events.LinkedInChecklistItem").objects.filter(active=True).values("translation_key")
    qs = model("events.LinkedInChecklistTick").objects.filter(item_key__in=items, ticked_at__lte=scope.end)
    return grouped(qs, path="member", scope=scope, group=group, value=Count("id"))


def linkedin_item_count() -> int:
    item = model("events.LinkedInChecklistItem")
    if item is None:
        return 0
    return item.objects.filter(active=True).values("translation_key").distinct().count()


METRICS = [
    Metric("members", _("Members"), members),
    Metric("active", _("Active (30 days)"), active, ("gamification.PointsEntry",)),
    Metric("creators", _("Creators"), creators),
    Metric("lessons", _("Lessons completed"), lessons, ("learning.LessonCompletion",)),
    Metric("courses", _("Courses completed"), courses, ("learning.CourseCompletion",)),
    Metric("path_members", _("Completed a path"), path_members, ("learning.PathCompletion",)),
    Metric("sessions_attended", _("Session attendance"), sessions_attended, ("events.Registration",)),
    Metric("challenge_entries", _("Challenge entries"), challenge_entries, ("challenges.Story",)),
    Metric("stories_approved", _("Stories approved"), stories_approved, ("challenges.Story",)),
    Metric("shares", _("Shares"), shares, ("challenges.Share",)),
    Metric("clicks", _("Unique clicks"), unique_clicks, ("challenges.ShareClick",)),
    Metric(
        "linkedin_ticks",
        _("LinkedIn checklist steps"),
        linkedin_ticks,
        ("events.LinkedInChecklistItem", "events.LinkedInChecklistTick"),
    ),
]


def available_metrics(keys: set[str] | None = None) -> list[Metric]:
    return [m for m in METRICS if m.available and (keys is None or m.key in keys)]


def rollup(raw: dict[str, dict], position: int) -> dict[str, dict]:
    """Per-place figures summed per department (``position`` 0) or location (1)."""
    result: dict[str, dict] = {}
    for metric_key, values in raw.items():
        target = result.setdefault(metric_key, {})
        for place, value in values.items():
            target[place[position]] = target.get(place[position], 0) + value
    return result


def compute(scope: Scope, group: str, keys: set[str] | None = None) -> dict[str, dict]:
    """``{metric key: {group key: value}}``: one query per metric, whatever the data size."""
    return {m.key: m.compute(scope, group) for m in available_metrics(keys)}
