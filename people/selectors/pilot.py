"""The pilot group next to the whole organisation, and suggestions that balance it (each
with its reasons)."""

from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, Q, Value, When
from django.utils.formats import localize
from django.utils.translation import gettext_lazy as _

from core.small_groups import pool_small

from ..models import AgeBand, Gender, Member, Role

NETWORK_BANDS = [
    ("lt100", _("fewer than 100"), Q(network_size__lt=100)),
    ("100", _("100–499"), Q(network_size__gte=100, network_size__lt=500)),
    ("500", _("500–999"), Q(network_size__gte=500, network_size__lt=1000)),
    ("1000", _("1,000 or more"), Q(network_size__gte=1000)),
]
LARGE_NETWORK = 500
NOT_GIVEN = _("Not given")

DIMENSIONS = [
    ("department", _("Department"), "department__name"),
    ("location", _("Location"), "location__name"),
    ("role", _("Role"), "role"),
    ("gender", _("Gender"), "gender"),
    ("age_band", _("Age"), "age_band"),
    ("network", _("Network size"), "network_band"),
]


def _network_band():
    return Case(
        *[When(condition, then=Value(key)) for key, _label, condition in NETWORK_BANDS],
        default=Value(""),
        output_field=CharField(),
    )


def candidates():
    """Everyone who could be in the pilot: active accounts, not erased."""
    return Member.objects.filter(is_active=True, erased_at__isnull=True)


def pilot_members(*, department_id: int | None = None):
    """The pilot group as the builder lists it: everyone, or one department's members."""
    members = candidates().filter(in_pilot=True).select_related("department", "location")
    if department_id is not None:
        members = members.filter(department_id=department_id)
    return members


def _labels(dimension: str) -> dict:
    if dimension == "role":
        return dict(Role.choices)
    if dimension == "gender":
        return {**dict(Gender.choices), "": NOT_GIVEN}
    if dimension == "age_band":
        return {**dict(AgeBand.choices), "": NOT_GIVEN}
    if dimension == "network":
        return {**{key: label for key, label, _c in NETWORK_BANDS}, "": NOT_GIVEN}
    return {}


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _pooled(items: list[dict], totals: dict) -> list[dict]:
    """``items`` under the small-groups rule (``core.small_groups``): groups under
    ``MIN_GROUP`` members pooled into one row, never shown on their own."""
    shown, pooled = pool_small({i: item["organisation"] for i, item in enumerate(items)})
    rows = sorted((items[i] for i in shown), key=lambda item: (-item["organisation"], item["label"]))
    if pooled:
        pilot, org = sum(items[i]["pilot"] for i in pooled), sum(items[i]["organisation"] for i in pooled)
        rows.append(
            {
                "value": None,
                "label": str(_("Other groups (pooled)")),
                "pilot": pilot,
                "pilot_percent": _share(pilot, totals["pilot"]),
                "organisation": org,
                "organisation_percent": _share(org, totals["org"]),
            }
        )
    return rows


def composition(*, pool_small_groups: bool = False) -> dict:
    """Per dimension: how the pilot and the organisation divide, one query per dimension.
    Gender and age only count where members chose to give them. With ``pool_small_groups``
    (for a Social Activator, who sees aggregates of other departments, not names) groups
    under ``MIN_GROUP`` members are pooled, never shown on their own."""
    qs = candidates().annotate(network_band=_network_band()).order_by()
    totals = qs.aggregate(org=Count("id"), pilot=Count("id", filter=Q(in_pilot=True)))
    result = {"pilot_size": totals["pilot"], "organisation_size": totals["org"], "dimensions": []}
    for key, label, path in DIMENSIONS:
        rows = qs.values(path).annotate(org=Count("id"), pilot=Count("id", filter=Q(in_pilot=True)))
        labels = _labels(key)
        items = []
        for row in rows:
            value = row[path]
            name = labels.get(value, value) if labels else (value or NOT_GIVEN)
            items.append(
                {
                    "value": value,
                    "label": str(name if value is not None else NOT_GIVEN),
                    "pilot": row["pilot"],
                    "pilot_percent": _share(row["pilot"], totals["pilot"]),
                    "organisation": row["org"],
                    "organisation_percent": _share(row["org"], totals["org"]),
                }
            )
        items.sort(key=lambda i: (-i["organisation"], i["label"]))
        if pool_small_groups:
            items = _pooled(items, totals)
        result["dimensions"].append({"key": key, "label": str(label), "items": items})
    return result


@dataclass
class Suggestion:
    member: Member
    score: float
    reasons: list[str] = field(default_factory=list)


def _gaps(dimension: dict) -> dict:
    """Values under-represented in the pilot: share in the organisation minus share in the pilot."""
    return {
        item["value"]: item["organisation_percent"] - item["pilot_percent"]
        for item in dimension["items"]
        if item["value"] not in (None, "") and item["organisation_percent"] - item["pilot_percent"] >= 2
    }


def suggestions(
    *, limit: int, count: int = 10, composition_data: dict | None = None, department_id: int | None = None
) -> list[Suggestion]:
    """Members not yet in the pilot who would balance it, best first, each with the reasons:
    departments and locations (and, where given, gender and age) that are under-represented,
    and larger networks; with ``department_id`` only that department's members. Reasons
    name only groups ``composition_data`` shows. One query for the candidates."""
    data = composition_data or composition()
    if data["pilot_size"] >= limit:
        return []
    by_key = {d["key"]: d for d in data["dimensions"]}
    labels = {d["key"]: {i["value"]: i for i in d["items"]} for d in data["dimensions"]}
    department_gaps = _gaps(by_key["department"])
    location_gaps = _gaps(by_key["location"])
    gender_gaps = _gaps(by_key["gender"])
    age_gaps = _gaps(by_key["age_band"])
    pool = candidates().filter(in_pilot=False)
    if department_id is not None:
        pool = pool.filter(department_id=department_id)
    found_members = (
        pool.filter(
            Q(department__name__in=list(department_gaps))
            | Q(location__name__in=list(location_gaps))
            | Q(network_size__gte=LARGE_NETWORK)
        )
        .select_related("department", "location")
        .order_by("-network_size", "id")[:500]
    )
    found = []
    for member in found_members:
        score, reasons = 0.0, []
        department = member.department.name if member.department else None
        location = member.location.name if member.location else None
        for gaps, value, dim in (
            (department_gaps, department, "department"),
            (location_gaps, location, "location"),
            (gender_gaps, member.gender, "gender"),
            (age_gaps, member.age_band, "age_band"),
        ):
            if value in gaps:
                item = labels[dim][value]
                score += gaps[value]
                reasons.append(
                    str(
                        _("%(value)s is under-represented: %(pilot)s%% of the pilot, %(org)s%% of the organisation.")
                        % {
                            "value": item["label"],
                            "pilot": localize(item["pilot_percent"]),
                            "org": localize(item["organisation_percent"]),
                        }
                    )
                )
        if member.network_size and member.network_size >= LARGE_NETWORK:
            score += min(member.network_size / 100, 20)
            reasons.append(
                str(
                    _("Large network: about %(size)s connections, so shares reach further.")
                    % {"size": member.network_size}
                )
            )
        if reasons:
            found.append(Suggestion(member=member, score=score, reasons=reasons))
    found.sort(key=lambda s: (-s.score, s.member.pk))
    return found[: min(count, limit - data["pilot_size"])]
