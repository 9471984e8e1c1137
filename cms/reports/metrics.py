"""The participation metrics, one or two small aggregate queries each, grouped by department,
location or member (or one total). Each app's figures are one entry in ``METRICS``; a
metric whose app is not installed is left out, so the report shows what exists.

Grouping follows the member who did it (a lesson counts for the learner's department, a
share for the sharer's, a story for its creator's). Points, lessons, courses and shares
are read from the weekly rollup (``weekly``: whole weeks from it, the edge days of a
period from their rows); the other figures from their rows."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from people.models import Member

from . import weekly
from .grouping import ACTIVE_DAYS, GROUP_FIELDS, ONE_MICROSECOND, Scope, grouped, member_filter, model

__all__ = ["ACTIVE_DAYS", "GROUP_FIELDS", "Scope", "grouped", "member_filter", "model"]


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
    ledger = model("gamification.PointsEntry").objects.all()
    return weekly.active_members(scope, group, ledger=ledger, start=scope.active_since + ONE_MICROSECOND)


def creators(scope, group):
    qs = Member.objects.filter(date_joined__lte=scope.end, role__in=["creator", "activator", "editor", "master"])
    return grouped(qs, path=None, scope=scope, group=group, value=Count("id"))


def _counted(scope, group, *, kind: str, label: str, date_field: str):
    source = model(label).objects.all()
    return weekly.counted(scope, group, kind=kind, source=source, date_field=date_field, path="member")


def lessons(scope, group):
    return _counted(scope, group, kind="lessons", label="learning.LessonCompletion", date_field="completed_at")


def courses(scope, group):
    return _counted(scope, group, kind="courses", label="learning.CourseCompletion", date_field="completed_at")


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
    return _counted(scope, group, kind="shares", label="challenges.Share", date_field="created_at")


def unique_clicks(scope, group):
    """Clicks are stored once per link, visitor and day, so every row is a unique click."""
    qs = model("challenges.ShareClick").objects.filter(day__gte=scope.start.date(), day__lte=scope.end.date())
    return grouped(qs, path="link__member", scope=scope, group=group, value=Count("id"))


def linkedin_ticks(scope, group):
    items = model("events.LinkedInChecklistItem").objects.filter(active=True).values("translation_key")
    qs = model("events.LinkedInChecklistTick").objects.filter(item_key__in=items, ticked_at__lte=scope.end)
    return grouped(qs, path="member", scope=scope, group=group, value=Count("id"))


def community_posts(scope, group):
    """Published community posts (threads' first posts and replies) by the member's group."""
    qs = model("community.Post").objects.filter(
        status="published", created_at__gte=scope.start, created_at__lte=scope.end, author__isnull=False
    )
    return grouped(qs, path="author", scope=scope, group=group, value=Count("id"))


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
    Metric("community_posts", _("Community posts"), community_posts, ("community.Post",)),
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
