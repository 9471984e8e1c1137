"""Reads of the "best social media user" prize: the published rules, the standings by the
formula (live while a period is open, fixed once it is closed), the jury's candidates, the
winners and the wall of fame. How a period works: ``gamification.services.prizes``.

Members who chose to stay off leaderboards still compete (they did the work), but public
lists leave them out and names follow ``policies.shows_name``: anonymous stays anonymous.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import DateTimeField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from gamification import policies, scoring
from gamification.leaderboards.boards import Row
from gamification.models import Nomination, PointRule, PointsEntry, PrizePeriod, PrizeStatus, PrizeWinner
from people.models import LeaderboardVisibility, Member

from .boards import anonymous_name, present

JURY_MIN_CANDIDATES = 5

TIE_BREAK = _(
    "Equal scores are decided, in this order, by: 1. more peer nominations received; "
    "2. who reached the score first (the moment of the last action or nomination that counts: earlier wins). "
    "Members who are still equal share the place and are listed by member number; "
    "if they share the last winning place, they all win."
)

_NEVER = datetime.datetime.max.replace(tzinfo=datetime.UTC)


# --- the period and its published rules ------------------------------------------------------


def default_quarter(now: datetime.datetime | None = None) -> tuple[datetime.datetime, datetime.datetime]:
    """Start and end (exclusive) of the calendar quarter around ``now``, in the site's time
    zone (Europe/Amsterdam): the default length of a prize period."""
    zone = timezone.get_default_timezone()
    local = timezone.localtime(now or timezone.now(), zone)
    first_month = 3 * ((local.month - 1) // 3) + 1
    start = datetime.datetime(local.year, first_month, 1, tzinfo=zone)
    end = (
        datetime.datetime(local.year + 1, 1, 1, tzinfo=zone)
        if first_month == 10
        else datetime.datetime(local.year, first_month + 3, 1, tzinfo=zone)
    )
    return start, end


def prize_periods() -> QuerySet[PrizePeriod]:
    """Prize periods with their eligible departments, without the fixed standings."""
    return PrizePeriod.objects.defer("standings").prefetch_related("departments")


def current_period(*, now: datetime.datetime) -> PrizePeriod | None:
    """The period running now; else the next one to start; else the most recent one."""
    periods = prize_periods()
    return (
        periods.filter(status=PrizeStatus.OPEN, starts_at__lte=now, ends_at__gt=now).order_by("ends_at").first()
        or periods.filter(status=PrizeStatus.OPEN, starts_at__gt=now).order_by("starts_at").first()
        or periods.order_by("-ends_at").first()
    )


def formula_items(period: PrizePeriod) -> list[dict]:
    """The published formula with the labels members know from their points history."""
    weights = scoring.weights(period)
    labels = {rule.action: rule.display_label for rule in PointRule.objects.filter(action__in=list(weights))}
    items = [{"action": action, "label": labels.get(action, action), "weight": w} for action, w in weights.items()]
    if period.nomination_weight:
        items.append(
            {"action": "nomination", "label": _("Peer nomination received"), "weight": period.nomination_weight}
        )
    return items


def is_open(period: PrizePeriod, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return period.status == PrizeStatus.OPEN and period.starts_at <= now < period.ends_at


# --- standings ------------------------------------------------------------------------------


def rank(rows: list[dict]) -> list[dict]:
    """Order by the published tie-break and give competition ranks: members equal on
    score, nominations and the moment they reached it share a place."""
    rows.sort(key=lambda r: (-r["score"], -r["nominations"], r["reached_at"] or _NEVER, r["member_id"]))
    previous, place = None, 0
    for position, row in enumerate(rows, start=1):
        key = (row["score"], row["nominations"], row["reached_at"])
        if key != previous:
            place, previous = position, key
        row["rank"] = place
    return rows


def standings(prize: PrizePeriod, *, include_hidden: bool = True) -> list[dict]:
    """The live standings by the formula, in the published order (``TIE_BREAK``): dicts with
    ``rank`` (competition ranking), ``member_id``, ``score``, ``nominations``,
    ``reached_at`` (when the member reached the score) and ``hidden``. One query."""
    weights = scoring.weights(prize)
    last_entry = (
        Subquery(
            PointsEntry.objects.filter(
                member=OuterRef("pk"),
                action__in=list(weights),
                occurred_at__gte=prize.starts_at,
                occurred_at__lt=prize.ends_at,
            )
            .order_by("-occurred_at")
            .values("occurred_at")[:1],
            output_field=DateTimeField(),
        )
        if weights
        else Value(None, output_field=DateTimeField())
    )
    last_nomination = Subquery(
        Nomination.objects.filter(period_id=prize.pk, nominee=OuterRef("pk"))
        .order_by("-created_at")
        .values("created_at")[:1],
        output_field=DateTimeField(),
    )
    values = (
        scoring.scored(prize, include_hidden=include_hidden)
        .annotate(last_entry_at=last_entry, last_nomination_at=last_nomination)
        .values(
            "member_id", "points", "prize_nominations", "last_entry_at", "last_nomination_at", "leaderboard_visibility"
        )
    )
    rows = []
    for v in values:
        moments = [v["last_entry_at"]] if weights else []
        if prize.nomination_weight:
            moments.append(v["last_nomination_at"])
        moments = [m for m in moments if m is not None]
        rows.append(
            {
                "member_id": v["member_id"],
                "score": v["points"],
                "nominations": v["prize_nominations"],
                "reached_at": max(moments) if moments else None,
                "hidden": v["leaderboard_visibility"] == LeaderboardVisibility.HIDDEN,
            }
        )
    return rank(rows)


def standings_to_json(rows: list[dict]) -> list[dict]:
    """``standings`` as closing a period fixes them in ``PrizePeriod.standings``."""
    return [
        {
            "rank": r["rank"],
            "member_id": r["member_id"],
            "score": r["score"],
            "nominations": r["nominations"],
            "reached_at": r["reached_at"].isoformat() if r["reached_at"] else None,
            "hidden": r["hidden"],
        }
        for r in rows
    ]


def fixed_standings(period: PrizePeriod) -> list[dict]:
    """The standings a close fixed, as ``standings`` returns them."""
    return [
        {**r, "reached_at": parse_datetime(r["reached_at"]) if r.get("reached_at") else None, "hidden": r.get("hidden")}
        for r in period.standings or []
    ]


def period_standings(period: PrizePeriod, *, include_hidden: bool) -> list[dict]:
    """Live standings while the period is open, the fixed ones afterwards. Without
    ``include_hidden`` members who are off the leaderboards are left out and the rest
    re-ranked, as on every public board."""
    if period.status == PrizeStatus.OPEN:
        return standings(period, include_hidden=include_hidden)
    rows = fixed_standings(period)
    if include_hidden:
        return rows
    return rank([r for r in rows if not r["hidden"]])


def candidates(period: PrizePeriod) -> list[dict]:
    """The jury's choice: the top 5 or 3 × the number of winners, whichever is larger
    (members tied on the last place included), from the fixed standings."""
    limit = max(JURY_MIN_CANDIDATES, period.winners_count * 3)
    return [r for r in fixed_standings(period) if r["rank"] <= limit]


def named_candidates(period: PrizePeriod) -> list[dict]:
    """``candidates`` with each member's name, for the jury's form (Masters see every name)."""
    rows = candidates(period)
    names = {m.pk: m.name for m in Member.objects.filter(pk__in=[c["member_id"] for c in rows])}
    return [{**c, "name": names.get(c["member_id"], "?")} for c in rows]


def nomination_of(period: PrizePeriod, member: Member) -> Nomination | None:
    """The nomination ``member`` made this period, if any."""
    return Nomination.objects.filter(period=period, nominator=member).select_related("nominee").first()


# --- winners and boards ---------------------------------------------------------------------


def public_member(member: Member, viewer: Member | None) -> dict:
    if policies.shows_name(member, viewer=viewer):
        return {"id": member.pk, "name": member.name}
    return {"id": None, "name": anonymous_name()}


def winners_of(period: PrizePeriod, *, viewer: Member | None) -> list[dict]:
    """The period's winners (use with ``with_winners``: no queries), ``tie`` when winners
    share a place."""
    winners = list(period.winners.all())
    ranks = [w.rank for w in winners]
    return [
        {
            "rank": w.rank,
            "member": public_member(w.member, viewer),
            "score": w.score,
            "motivation": w.motivation,
            "tie": ranks.count(w.rank) > 1,
        }
        for w in winners
    ]


def with_winners(periods: QuerySet[PrizePeriod]) -> QuerySet[PrizePeriod]:
    return periods.prefetch_related(
        Prefetch(
            "winners",
            queryset=PrizeWinner.objects.select_related("member").order_by("rank", "member_id"),
        ),
        "departments",
    )


def wall_of_fame(*, viewer: Member | None = None) -> list[dict]:
    """Past winners: judged periods, newest first, each with its winners. Three queries
    however many periods and winners there are."""
    periods = with_winners(
        PrizePeriod.objects.filter(status=PrizeStatus.JUDGED).defer("standings").order_by("-ends_at", "-pk")
    )
    return [{"period": period, "winners": winners_of(period, viewer=viewer)} for period in periods]


@dataclass
class Board:
    results: list[dict]
    me: dict | None


def board(period: PrizePeriod, *, viewer: Member, n: int = 10) -> Board:
    """Top ``n`` and the viewer's place, named as ``boards.present`` names people.
    Masters see everyone; others see the public standings (members off the leaderboards
    left out). A viewer who is off the leaderboards still sees their own place."""
    everyone = period_standings(period, include_hidden=True)
    shown = everyone if policies.sees_hidden_members(viewer) else rank([dict(r) for r in everyone if not r["hidden"]])
    mine = next((r for r in shown if r["member_id"] == viewer.pk), None) or next(
        (r for r in everyone if r["member_id"] == viewer.pk), None
    )
    top = shown[:n]
    rows = [Row(rank=r["rank"], member_id=r["member_id"], points=r["score"]) for r in top]
    if mine is not None:
        rows.append(Row(rank=mine["rank"], member_id=mine["member_id"], points=mine["score"]))
    presented = present(rows, viewer=viewer)
    items: list[dict[str, Any]] = [
        {"rank": p["rank"], "member": p["member"], "score": p["points"], "me": p["me"]} for p in presented
    ]
    me = items.pop() if mine is not None else None
    return Board(results=items, me=me)
