"""Reads of the 6 C's self-scan: the questions, a member's own results and the report per
department and organisation over time, with groups under five pooled (``core.small_groups``)."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from core.small_groups import MIN_GROUP, pool_small
from people.models import Department

from ..models import SIX_C_ORDER, SixC, SixCAnswer, SixCQuestion, SixCResponse

# How many quarters the report goes back.
REPORT_QUARTERS = 8


def questions() -> list[SixCQuestion]:
    """The active questions, in order (one query)."""
    return list(SixCQuestion.objects.filter(active=True).order_by("position", "pk"))


@dataclass
class Scores:
    """Average score (1–5) per C, in the order of ``SIX_C_ORDER``; None where unanswered."""

    values: dict[str, float | None]

    @property
    def rows(self) -> list[tuple[str, str, float | None]]:
        return [(c, SixC(c).label, self.values.get(c)) for c in SIX_C_ORDER]

    @property
    def weakest(self) -> str | None:
        known = {c: v for c, v in self.values.items() if v is not None}
        return min(known, key=lambda c: (known[c], SIX_C_ORDER.index(c))) if known else None


def _scores(totals: dict[str, list[int]]) -> Scores:
    return Scores(
        {c: (round(totals[c][0] / totals[c][1], 2) if totals.get(c) and totals[c][1] else None) for c in SIX_C_ORDER}
    )


def my_responses(*, member_id: int) -> list[tuple[str, Scores]]:
    """The member's own results per quarter, newest first (one query)."""
    rows = (
        SixCAnswer.objects.filter(response__member_id=member_id)
        .values("response__quarter", "c")
        .annotate(total=Sum("value"), n=Count("pk"))
    )
    by_quarter: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for row in rows:
        by_quarter[row["response__quarter"]][row["c"]] = [row["total"], row["n"]]
    return [(quarter, _scores(by_quarter[quarter])) for quarter in sorted(by_quarter, reverse=True)]


def answered_in(*, member_id: int, quarter: str) -> bool:
    return SixCResponse.objects.filter(member_id=member_id, quarter=quarter).exists()


@dataclass
class ReportGroup:
    key: str
    label: str
    respondents: int
    scores: Scores


@dataclass
class ReportQuarter:
    quarter: str
    groups: list[ReportGroup]


def report(*, department_id: int | None = None, quarters: int = REPORT_QUARTERS) -> list[ReportQuarter]:
    """Average score per C and quarter, per department and for the organisation, newest
    quarter first. Departments with fewer than five respondents that quarter are pooled
    ("other departments"), and the pool grows or disappears as ``core.small_groups`` says;
    with ``department_id`` only that department, and nothing when it had fewer than five.
    Three queries, however many members."""
    sizes_rows = SixCResponse.objects.values("quarter", "department_id").annotate(n=Count("pk"))
    answer_rows = SixCAnswer.objects.values("response__quarter", "response__department_id", "c").annotate(
        total=Sum("value"), n=Count("pk")
    )
    if department_id:
        sizes_rows = sizes_rows.filter(department_id=department_id)
        answer_rows = answer_rows.filter(response__department_id=department_id)
    sizes: dict[str, dict[int | None, int]] = defaultdict(dict)
    for row in sizes_rows:
        sizes[row["quarter"]][row["department_id"]] = row["n"]
    totals: dict[tuple[str, int | None], dict[str, list[int]]] = defaultdict(dict)
    for row in answer_rows:
        totals[(row["response__quarter"], row["response__department_id"])][row["c"]] = [row["total"], row["n"]]
    names = dict(Department.objects.values_list("pk", "name"))
    result = []
    for quarter in sorted(sizes, reverse=True)[:quarters]:
        shown, pooled = pool_small(sizes[quarter])
        groups = []
        for dept in sorted(shown, key=lambda d: names.get(d, "")):
            label = names.get(dept) or _("No department")
            groups.append(
                ReportGroup(f"department:{dept or 0}", label, sizes[quarter][dept], _scores(totals[(quarter, dept)]))
            )
        if pooled and not department_id:
            groups.append(
                ReportGroup(
                    "pooled",
                    _("Other departments (pooled)"),
                    sum(sizes[quarter][d] for d in pooled),
                    _merge(totals, quarter, pooled),
                )
            )
        everyone = sum(sizes[quarter].values())
        if not department_id and everyone >= MIN_GROUP:
            groups.append(
                ReportGroup(
                    "organisation", _("Whole organisation"), everyone, _merge(totals, quarter, list(sizes[quarter]))
                )
            )
        if groups:
            result.append(ReportQuarter(quarter, groups))
    return result


def _merge(totals, quarter: str, departments: list) -> Scores:
    merged: dict[str, list[int]] = {}
    for dept in departments:
        for c, (total, n) in totals[(quarter, dept)].items():
            merged.setdefault(c, [0, 0])
            merged[c][0] += total
            merged[c][1] += n
    return _scores(merged)
