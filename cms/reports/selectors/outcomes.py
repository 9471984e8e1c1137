"""Outcomes: what sharing brought, per goal and key message, department and wave, with each
figure labelled honestly (docs/outcomes.md):

- measured: unique clicks on tracked links, conversions the organisation's sites report;
- self-reported: what ambassadors say their posts did;
- estimated: the media value the reach report estimates from clicks;
- unknown: the reach of personal profiles (the networks do not report it).

A fixed number of aggregate queries whatever the data; a selection under ``MIN_GROUP``
members shows nothing, and departments and waves under it are pooled (``core.small_groups``)."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from cms.models import ProgrammeSettings
from core.small_groups import pool_small
from people.models import Department, Member

from .. import metrics
from ..metrics import Scope
from .participation import MIN_GROUP, SUPPRESSED_NOTE, _parse_id

LABELS = {
    "measured": _("Measured: unique clicks on our tracked links and conversions your own sites report."),
    "self_reported": _("Self-reported: what ambassadors say their posts did; not checked."),
    "estimated": _("Estimated: the media value, unique clicks × the cost per click you set."),
    "unknown": _("Unknown: the reach of personal profiles; LinkedIn and the other networks do not report it."),
}
POOLED = _("Other groups (under 5 members each)")
NO_WAVE = _("No wave")
FIGURES = ("stories", "shares", "unique_clicks", "conversions", "conversion_value")


def _empty() -> dict:
    return {"stories": 0, "shares": 0, "unique_clicks": 0, "conversions": 0, "by_kind": {}, "conversion_value": 0}


def _querysets(scope: Scope, *, message_ids=None):
    story = metrics.model("challenges.Story")
    share = metrics.model("challenges.Share")
    click = metrics.model("challenges.ShareClick")
    conversion = metrics.model("challenges.Conversion")
    stories = story.objects.filter(
        status="approved",
        approved_at__gte=scope.start,
        approved_at__lte=scope.end,
        **metrics.member_filter(scope, "creator"),
    )
    shares = share.objects.filter(
        created_at__gte=scope.start, created_at__lte=scope.end, **metrics.member_filter(scope, "member")
    )
    clicks = click.objects.filter(
        day__gte=scope.start.date(), day__lte=scope.end.date(), **metrics.member_filter(scope, "link__member")
    )
    conversions = conversion.objects.filter(occurred_at__gte=scope.start, occurred_at__lte=scope.end)
    if scope.department_id:
        conversions = conversions.filter(department_id=scope.department_id)
    if scope.location_id:
        conversions = conversions.filter(link__member__location_id=scope.location_id)
    if message_ids is not None:
        stories = stories.filter(messages__in=message_ids)
        shares = shares.filter(story__messages__in=message_ids)
        clicks = clicks.filter(link__story__messages__in=message_ids)
        conversions = conversions.filter(story__messages__in=message_ids)
    return stories.order_by(), shares.order_by(), clicks.order_by(), conversions.order_by()


def _grouped(scope: Scope, key: dict[str, str], *, message_ids=None) -> dict:
    """Figures per group: ``key`` maps each queryset (stories, shares, clicks, conversions)
    to the path of the grouping value; five aggregate queries in all."""
    stories, shares, clicks, conversions = _querysets(scope, message_ids=message_ids)
    rows: dict = {}

    def add(qs, path, figure, value):
        for group, n in qs.values(path).annotate(n=value).values_list(path, "n"):
            rows.setdefault(group, _empty())[figure] = n or 0

    add(stories, key["stories"], "stories", Count("id", distinct=True))
    add(shares, key["shares"], "shares", Count("id", distinct=True))
    add(clicks, key["clicks"], "unique_clicks", Count("id", distinct=True))
    add(conversions, key["conversions"], "conversion_value", Sum("value"))
    per_kind = conversions.values(key["conversions"], "kind").annotate(n=Count("id", distinct=True))
    for item in per_kind.values_list(key["conversions"], "kind", "n"):
        row = rows.setdefault(item[0], _empty())
        row["by_kind"][item[1]] = item[2]
        row["conversions"] += item[2]
    return rows


def _goals(scope: Scope, *, goal_id: int | None, message_id: int | None) -> list[dict]:
    goal_model, message_model = metrics.model("strategy.Goal"), metrics.model("strategy.KeyMessage")
    goals = goal_model.objects.order_by("period_start", "name")
    if goal_id:
        goals = goals.filter(pk=goal_id)
    messages = message_model.objects.filter(goal__in=goals).order_by("name")
    if message_id:
        messages = messages.filter(pk=message_id)
        goals = goals.filter(messages=message_id)
    goals, messages = list(goals.distinct()), list(messages)
    ids = [m.pk for m in messages]
    per_message = _grouped(
        scope,
        {
            "stories": "messages",
            "shares": "story__messages",
            "clicks": "link__story__messages",
            "conversions": "story__messages",
        },
        message_ids=ids,
    )
    per_goal = _grouped(
        scope,
        {
            "stories": "messages__goal",
            "shares": "story__messages__goal",
            "clicks": "link__story__messages__goal",
            "conversions": "story__messages__goal",
        },
        message_ids=ids,
    )
    result = []
    for goal in goals:
        totals = per_goal.get(goal.pk, _empty())
        achieved = _achieved(goal.measure, totals)
        result.append(
            {
                "id": goal.pk,
                "name": goal.display_name,
                "measure": goal.measure,
                "measure_label": str(goal.get_measure_display()),
                "target": goal.target,
                "period_start": goal.period_start,
                "period_end": goal.period_end,
                "achieved": achieved,
                "percent": round(100 * achieved / goal.target) if goal.target else None,
                **totals,
                "messages": [
                    {"id": m.pk, "name": m.display_name, **per_message.get(m.pk, _empty())}
                    for m in messages
                    if m.goal_id == goal.pk
                ],
            }
        )
    return result


def _achieved(measure: str, totals: dict) -> int:
    if measure == "shares":
        return totals["shares"]
    if measure == "clicks":
        return totals["unique_clicks"]
    return totals["by_kind"].get(measure, 0)


def _pooled_rows(scope: Scope, *, member_path: str, labels: dict, figures: dict) -> list[dict]:
    """Rows per group with their member counts; groups under ``MIN_GROUP`` pooled into one row
    (or left out when even the pool is too small)."""
    members = Member.objects.filter(date_joined__lte=scope.end, **metrics.member_filter(scope, None)).order_by()
    sizes = dict(members.values(member_path).annotate(n=Count("id")).values_list(member_path, "n"))
    shown, pooled = pool_small(sizes)
    rows = []
    for key in shown:
        rows.append(
            {"key": key, "name": str(labels.get(key, NO_WAVE)), "members": sizes[key], **figures.get(key, _empty())}
        )
    if pooled:
        row = {"key": "other", "name": str(POOLED), "members": sum(sizes[k] for k in pooled), **_empty(), "by_kind": {}}
        for key in pooled:
            for figure in ("stories", "shares", "unique_clicks", "conversions"):
                row[figure] += figures.get(key, _empty())[figure]
            row["conversion_value"] += figures.get(key, _empty())["conversion_value"] or 0
            for kind, n in figures.get(key, _empty())["by_kind"].items():
                row["by_kind"][kind] = row["by_kind"].get(kind, 0) + n
        rows.append(row)
    return rows


def _self_reported(scope: Scope) -> dict:
    share = metrics.model("challenges.Share")
    reported = share.objects.filter(
        created_at__gte=scope.start,
        created_at__lte=scope.end,
        results_reported_at__isnull=False,
        **metrics.member_filter(scope, "member"),
    ).order_by()
    totals = reported.aggregate(
        posts=Count("id"), reactions=Sum("reactions"), comments=Sum("comments"), reposts=Sum("reposts")
    )
    return {k: v or 0 for k, v in totals.items()}


def _managers(scope: Scope) -> dict:
    """Manager involvement, defined simply: how many managers there are, how many shared
    themselves and how many were nudged in the period, and of the team members' sharings
    (tracked links taken in the period) the share that got a manager's nudge."""
    link = metrics.model("challenges.ShareLink")
    managers = Member.objects.filter(manager_of__isnull=False, **metrics.member_filter(scope, None)).order_by()
    period = Q(created_at__gte=scope.start, created_at__lte=scope.end)
    counts = managers.aggregate(
        managers=Count("id", distinct=True),
        shared=Count(
            "id", distinct=True, filter=Q(shares__created_at__gte=scope.start, shares__created_at__lte=scope.end)
        ),
    )
    links = link.objects.filter(period, **metrics.member_filter(scope, "member")).exclude(
        member__manager_of__isnull=False
    )
    link_counts = links.order_by().aggregate(
        sharings=Count("id", distinct=True), nudged=Count("id", distinct=True, filter=Q(nudges__isnull=False))
    )
    nudge = metrics.model("challenges.ManagerNudge")
    nudged_managers = (
        nudge.objects.filter(period, link__in=links).order_by().aggregate(n=Count("manager", distinct=True))["n"]
    )
    sharings = link_counts["sharings"]
    return {
        "managers": counts["managers"],
        "managers_shared": counts["shared"],
        "managers_nudged": nudged_managers,
        "team_sharings": sharings,
        "team_sharings_nudged": link_counts["nudged"],
        "nudged_percent": round(100 * link_counts["nudged"] / sharings) if sharings else None,
    }


def outcomes(scope: Scope, *, goal_id: int | None = None, message_id: int | None = None) -> dict | None:
    """The outcomes report for ``scope`` (optionally one goal or key message). ``None`` when
    stories, shares or goals are not part of this installation; only ``suppressed`` for a
    selection under ``MIN_GROUP`` members."""
    needed = ("challenges.Story", "challenges.Share", "challenges.Conversion", "strategy.Goal")
    if any(metrics.model(label) is None for label in needed):
        return None
    labels = {k: str(v) for k, v in LABELS.items()}
    if metrics.members(scope, "total")["total"] < MIN_GROUP:
        return {"suppressed": True, "suppressed_note": str(SUPPRESSED_NOTE), "labels": labels}
    settings = ProgrammeSettings.load()
    totals = _grouped(
        scope, {"stories": "status", "shares": "member__is_active", "clicks": "day__year", "conversions": "kind"}
    )
    overall = _empty()
    for row in totals.values():
        for figure in ("stories", "shares", "unique_clicks"):
            overall[figure] += row[figure]
    for kind, row in totals.items():
        if row["conversions"]:
            overall["by_kind"][kind] = row["conversions"]
            overall["conversions"] += row["conversions"]
            overall["conversion_value"] += row["conversion_value"] or 0
    departments = dict(Department.objects.values_list("id", "name"))
    by_department = _grouped(
        scope,
        {
            "stories": "creator__department",
            "shares": "member__department",
            "clicks": "link__member__department",
            "conversions": "department",
        },
    )
    by_wave = _grouped(
        scope,
        {"stories": "creator__wave", "shares": "member__wave", "clicks": "link__member__wave", "conversions": "wave"},
    )
    waves = {w: _("Wave %(n)s") % {"n": w} for w in by_wave if w is not None}
    waves.update(
        {
            w: _("Wave %(n)s") % {"n": w}
            for w in Member.objects.exclude(wave=None).values_list("wave", flat=True).distinct().order_by()
        }
    )
    return {
        "suppressed": False,
        "suppressed_note": None,
        "labels": labels,
        "measured": overall,
        "goals": _goals(scope, goal_id=goal_id, message_id=message_id),
        "departments": _pooled_rows(scope, member_path="department", labels=departments, figures=by_department),
        "waves": sorted(
            _pooled_rows(scope, member_path="wave", labels=waves, figures=by_wave),
            key=lambda r: (not isinstance(r["key"], int), r["key"] if isinstance(r["key"], int) else 0),
        ),
        "self_reported": _self_reported(scope),
        "estimated": {
            "media_value": (Decimal(overall["unique_clicks"]) * settings.cost_per_click).quantize(Decimal("0.01")),
            "cost_per_click": settings.cost_per_click,
        },
        "unknown": [str(_("Views and reach of posts on personal profiles"))],
        "managers": _managers(scope),
    }


def outcome_filters(params) -> dict:
    """``goal`` and ``message`` from a query string; raises ``ReportError`` (400) for a bad id."""
    return {"goal_id": _parse_id(params.get("goal"), "goal"), "message_id": _parse_id(params.get("message"), "message")}


def goal_choices() -> list:
    """The goals with their key messages, for the report's filters (two queries)."""
    goal = metrics.model("strategy.Goal")
    if goal is None:
        return []
    return list(goal.objects.prefetch_related("messages").order_by("-active", "period_start", "name"))
