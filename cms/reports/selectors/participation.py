"""The participation report: the scope a request asks for, the adoption funnel, the
tables per department and location, and weekly trends.

Every figure comes from ``metrics`` (one aggregate query per metric and grouping), so a
report costs the same number of queries with 100 or 100,000 members. Groups smaller than
``MIN_GROUP`` members are never shown on their own."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import ProgrammeSettings
from core.errors import InvalidInput, NotAllowed
from core.small_groups import MIN_GROUP, pool_small
from people.models import Department, Invitation, Location

from .. import metrics, weekly
from ..metrics import Scope
from ..policies import own_department_only

GOAL_PERCENT = 10
DEFAULT_DAYS = 90
MAX_DAYS = 2 * 366
PEOPLE_PAGE_SIZE = 50
# What every report says instead of its figures when the selection is under ``MIN_GROUP``.
SUPPRESSED_NOTE = _(
    "This selection has fewer than 5 members. To keep individuals unidentifiable it is not reported on its own."
)


class ReportError(InvalidInput):
    """A report request that cannot be answered as asked: a bad filter, table or format (400)."""

    default_code = "invalid_report"


class PerPersonOff(NotAllowed):
    """The works council setting allows aggregates only (403)."""

    default_code = "per_person_off"


def _parse_date(value: str | None, name: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ReportError(_("%(name)s must be a date like 2026-01-31.") % {"name": name}) from None


def _parse_id(value, name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ReportError(_("%(name)s must be a number.") % {"name": name}) from None
    if not 0 < number < 2**31:
        raise ReportError(_("%(name)s must be a number.") % {"name": name})
    return number


def scope_for(*, member, params) -> Scope:
    """The scope a request asks for, checked against what ``member`` may see: ``from``,
    ``to`` (dates, inclusive), ``department``, ``location`` (a mapping of strings, as a
    query string gives them). Raises ``ReportError`` (400) for a bad filter and
    ``PermissionDenied`` (403) beyond the member's reports."""
    forced = own_department_only(member)
    today = timezone.localdate()
    end_date = _parse_date(params.get("to"), "to") or today
    start_date = _parse_date(params.get("from"), "from") or end_date - datetime.timedelta(days=DEFAULT_DAYS - 1)
    if start_date > end_date:
        raise ReportError(_("'from' must not be after 'to'."))
    if (end_date - start_date).days > MAX_DAYS:
        raise ReportError(_("A report covers at most two years."))
    department_id = _parse_id(params.get("department"), "department")
    if forced is not None:
        if department_id not in (None, forced):
            raise PermissionDenied(_("You see the reports of your own department only."))
        department_id = forced
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(start_date, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(end_date, datetime.time.max, tzinfo=tz)
    return Scope(
        start=start, end=end, department_id=department_id, location_id=_parse_id(params.get("location"), "location")
    )


# --- tables -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: object
    percent: bool = False


def columns() -> list[Column]:
    """The table's columns, for the metrics that exist in this installation."""
    have = {m.key for m in metrics.available_metrics()}
    wanted = [
        Column("members", _("Members")),
        Column("active_percent", _("Active %"), percent=True),
        Column("lessons", _("Lessons completed")),
        Column("courses", _("Courses completed")),
        Column("path_percent", _("Path completed %"), percent=True),
        Column("sessions_attended", _("Session attendance")),
        Column("challenge_entries", _("Challenge entries")),
        Column("stories_approved", _("Stories approved")),
        Column("shares", _("Shares")),
        Column("clicks", _("Unique clicks")),
        Column("community_posts", _("Community posts")),
        Column("linkedin_percent", _("LinkedIn checklist %"), percent=True),
    ]
    needs = {"active_percent": "active", "path_percent": "path_members", "linkedin_percent": "linkedin_ticks"}
    return [c for c in wanted if needs.get(c.key, c.key) in have]


def _percent(part, whole) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def derive(raw: dict, item_count: int) -> dict:
    """Display values from raw counts (percentages of the group's members)."""
    n = raw.get("members", 0)
    values = {key: raw.get(key, 0) for key in raw}
    values["active_percent"] = _percent(raw.get("active", 0), n)
    values["path_percent"] = _percent(raw.get("path_members", 0), n)
    values["linkedin_percent"] = _percent(raw.get("linkedin_ticks", 0), n * item_count)
    return values


@dataclass
class Row:
    label: str
    raw: dict
    key: object = None
    combined: bool = False
    values: dict = field(default_factory=dict)


def _sum(rows: list[dict]) -> dict:
    total: dict = {}
    for raw in rows:
        for key, value in raw.items():
            total[key] = total.get(key, 0) + value
    return total


def group_rows(raw: dict[str, dict], group: str, names: dict) -> tuple[list[Row], Row]:
    """Rows per group with the <5 rule, and the total. Groups under ``MIN_GROUP`` members
    are pooled into one row; if that pool is itself under the limit, the smallest shown
    group joins it, so no small group can be worked out by subtracting from the total."""
    by_group: dict = {}
    for metric_key, values in raw.items():
        for group_key, value in values.items():
            by_group.setdefault(group_key, {})[metric_key] = value
    members = raw.get("members", {})
    keys = [k for k in by_group if members.get(k, 0) > 0]
    total = Row(label=str(_("Total")), raw=_sum([by_group[k] for k in by_group]))
    big, pooled = pool_small({k: members[k] for k in keys})
    rows = [
        Row(
            label=names.get(k) or str(_("No department") if group == "department" else _("No location")),
            raw=by_group[k],
            key=k,
        )
        for k in big
    ]
    rows.sort(key=lambda r: r.label.lower())
    if pooled:
        rows.append(
            Row(
                label=str(_("Other groups (pooled)")),
                raw=_sum([by_group[k] for k in pooled]),
                combined=True,
            )
        )
    return rows, total


@dataclass
class Report:
    scope: Scope
    suppressed: bool
    columns: list[Column]
    funnel: dict
    departments: list[Row]
    locations: list[Row]
    total: Row | None
    trends: dict
    unavailable: list[str]
    cost_per_click: Decimal
    per_person_allowed: bool


def funnel(scope: Scope, total: dict, settings: ProgrammeSettings) -> dict:
    """invited → joined → active in the last 30 days → creators, and the share of active
    employees against the 10% goal."""
    filters = {}
    if scope.department_id:
        filters["department_id"] = scope.department_id
    if scope.location_id:
        filters["location_id"] = scope.location_id
    open_invitations = Invitation.objects.filter(accepted_at__isnull=True, created_at__lte=scope.end, **filters).count()
    joined = total.get("members", 0)
    active = total.get("active", 0)
    employees = joined + open_invitations
    if settings.employee_count and not (scope.department_id or scope.location_id):
        employees = max(settings.employee_count, joined)
    return {
        "invited": joined + open_invitations,
        "joined": joined,
        "active": active,
        "creators": total.get("creators", 0),
        "employees": employees,
        "active_share_percent": _percent(active, employees),
        "goal_percent": GOAL_PERCENT,
    }


def weeks_between(start: datetime.datetime, end: datetime.datetime) -> list[datetime.date]:
    first = start.date() - datetime.timedelta(days=start.date().weekday())
    weeks = []
    while first <= end.date():
        weeks.append(first)
        first += datetime.timedelta(days=7)
    return weeks


def trends(scope: Scope) -> dict:
    """Per week: members earning points (active), lessons completed, shares; whole weeks
    from the weekly rollup, the partial weeks at the ends from their rows (two queries
    each at most)."""
    weeks = weeks_between(scope.start, scope.end)
    series = {}
    entry = metrics.model("gamification.PointsEntry")
    series["active"] = weekly.weekly(
        scope, kind=weekly.ACTIVE, source=entry.objects.all(), date_field="occurred_at", path="member", distinct=True
    )
    lesson = metrics.model("learning.LessonCompletion")
    series["lessons"] = weekly.weekly(
        scope, kind="lessons", source=lesson.objects.all(), date_field="completed_at", path="member", distinct=False
    )
    share = metrics.model("challenges.Share")
    if share is not None:
        series["shares"] = weekly.weekly(
            scope, kind="shares", source=share.objects.all(), date_field="created_at", path="member", distinct=False
        )
    labels = {"active": _("Active members"), "lessons": _("Lessons completed"), "shares": _("Shares")}
    return {
        "weeks": weeks,
        "series": [
            {"key": key, "label": labels[key], "values": [values.get(w, 0) for w in weeks]}
            for key, values in series.items()
        ],
    }


def participation(scope: Scope) -> Report:
    settings = ProgrammeSettings.load()
    item_count = metrics.linkedin_item_count()
    by_place = metrics.compute(scope, "place")
    by_department = metrics.rollup(by_place, 0)
    by_location = metrics.rollup(by_place, 1)
    departments = dict(Department.objects.values_list("id", "name"))
    locations = dict(Location.objects.values_list("id", "name"))
    department_rows, total = group_rows(by_department, "department", departments)
    location_rows, _total = group_rows(by_location, "location", locations)
    for row in [*department_rows, *location_rows, total]:
        row.values = derive(row.raw, item_count)
    suppressed = total.raw.get("members", 0) < MIN_GROUP
    unavailable = [str(m.label) for m in metrics.METRICS if not m.available]
    return Report(
        scope=scope,
        suppressed=suppressed,
        columns=columns(),
        funnel={} if suppressed else funnel(scope, total.raw, settings),
        departments=[] if suppressed else department_rows,
        locations=[] if suppressed else location_rows,
        total=None if suppressed else total,
        trends={"weeks": [], "series": []} if suppressed else trends(scope),
        unavailable=unavailable,
        cost_per_click=settings.cost_per_click,
        per_person_allowed=not settings.aggregates_only,
    )
