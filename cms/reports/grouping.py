"""What a report covers (``Scope``) and the one aggregate query every figure is: a value
per department, location, (department, location) pair, member, or in total. Shared by
``metrics`` (from the source rows) and ``weekly`` (from the rollup)."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db.models import QuerySet

ACTIVE_DAYS = 30
ONE_MICROSECOND = datetime.timedelta(microseconds=1)
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
