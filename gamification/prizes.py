"""The "best social media user" prize: periods scored by a published formula.

A period (by default a calendar quarter: weekly resets burn people out) publishes

* its **formula**: which ledger actions count and how much each one is worth
  (``{"story_approved": 10, "story_shared": 5, …}``): a member's score is the number of
  their ``PointsEntry`` lines per action in ``[starts_at, ends_at)`` times the weight,
  plus ``nomination_weight`` for every peer nomination they received;
* its **eligible audience** (departments; none selected means everyone), only active members;
* its **number of winners**, and whether a **jury** (a Master) confirms them;
* its **tie-break** (``TIE_BREAK``): equal scores are decided by more nominations, then by
  who reached the score first; members equal on all of that share the place (they are
  listed by member id), and if they share the last winning place they all win.

Closing a period (a Master, or ``close_due_periods`` from Celery beat at the end date)
fixes the standings in ``PrizePeriod.standings`` and, without a jury, picks the winners;
with a jury it waits for ``confirm_winners``. Each winner gets a ``PrizeWinner`` row, the
``prize_won`` action through ``record_action`` (its points come from the ``prize_won``
point rule a Master sets, so every point goes through the one ledger path and its
guards), the period's badge if it has one, and
one notification.

Members who chose to stay off leaderboards still compete (they did the work), but public
lists leave them out and names follow ``leaderboards.present``: anonymous stays anonymous.
"""

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.errors import ServiceError
from people import services as people_services
from people.models import LeaderboardVisibility, Member

from . import leaderboards
from .models import Nomination, PointRule, PointsEntry, PrizePeriod, PrizeStatus, PrizeWinner
from .services import record_action

logger = logging.getLogger(__name__)

PRIZE_WON = "prize_won"
REASON_MAX_LENGTH = 1000
JURY_MIN_CANDIDATES = 5

TIE_BREAK = _(
    "Equal scores are decided, in this order, by: 1. more peer nominations received; "
    "2. who reached the score first (the moment of the last action or nomination that counts: earlier wins). "
    "Members who are still equal share the place and are listed by member number; "
    "if they share the last winning place, they all win."
)

_NEVER = datetime.datetime.max.replace(tzinfo=datetime.UTC)


# --- errors ---------------------------------------------------------------------------------


class UnknownPrize(PrizePeriod.DoesNotExist, leaderboards.UnknownBoard, Http404):
    """No prize period with that id: a ``DoesNotExist``, an unknown board and a 404 at once,
    so every caller (leaderboard view, API, service) maps it the way it already does."""


class PrizeError(ServiceError):
    """A refused prize action; ``message`` is translatable text for the member."""


class NominationRefused(PrizeError):
    pass


class AlreadyNominated(PrizeError):
    status_code = 409


class NotOpen(PrizeError):
    status_code = 409


class JuryRefused(PrizeError):
    pass


# --- the period -----------------------------------------------------------------------------


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


def _weights(period: PrizePeriod) -> dict[str, int]:
    formula = period.formula if isinstance(period.formula, dict) else {}
    return {str(action): int(weight) for action, weight in formula.items() if int(weight) != 0}


def formula_items(period: PrizePeriod) -> list[dict]:
    """The published formula with the labels members know from their points history."""
    weights = _weights(period)
    labels = {rule.action: rule.display_label for rule in PointRule.objects.filter(action__in=list(weights))}
    items = [{"action": action, "label": labels.get(action, action), "weight": w} for action, w in weights.items()]
    if period.nomination_weight:
        items.append(
            {"action": "nomination", "label": _("Peer nomination received"), "weight": period.nomination_weight}
        )
    return items


def _department_ids(period: PrizePeriod) -> list[int]:
    return [d.pk for d in period.departments.all()]


def eligible_members(period: PrizePeriod) -> QuerySet[Member]:
    """Active members in the eligible departments (none selected: everyone)."""
    members = Member.objects.filter(is_active=True)
    departments = _department_ids(period)
    if departments:
        members = members.filter(department_id__in=departments)
    return members


def is_eligible(period: PrizePeriod, member: Member) -> bool:
    departments = _department_ids(period)
    return member.is_active and (not departments or member.department_id in departments)


def is_open(period: PrizePeriod, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return period.status == PrizeStatus.OPEN and period.starts_at <= now < period.ends_at


def _get(prize_id) -> PrizePeriod:
    try:
        return PrizePeriod.objects.defer("standings").get(pk=prize_id)
    except (PrizePeriod.DoesNotExist, ValueError, TypeError):
        raise UnknownPrize(f"No prize period {prize_id!r}") from None


# --- scoring --------------------------------------------------------------------------------


def _scored(period: PrizePeriod, *, include_hidden: bool) -> QuerySet[Member]:
    """Eligible members with a positive score, annotated with ``member_id``, ``points`` and
    ``prize_nominations``. One row per member: the ledger and the nominations are summed in
    correlated subqueries, so neither multiplies the other's rows."""
    weights = _weights(period)
    counting = PointsEntry.objects.filter(
        member=OuterRef("pk"),
        action__in=list(weights),
        occurred_at__gte=period.starts_at,
        occurred_at__lt=period.ends_at,
    ).order_by()
    if weights:
        weighted = Sum(
            Case(
                *[When(action=action, then=Value(weight)) for action, weight in weights.items()],
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        activity = Coalesce(
            Subquery(counting.values("member").annotate(s=weighted).values("s")[:1], output_field=IntegerField()),
            Value(0),
            output_field=IntegerField(),
        )
    else:
        activity = Value(0, output_field=IntegerField())
    received = Nomination.objects.filter(period_id=period.pk, nominee=OuterRef("pk")).order_by()
    nominations = Coalesce(
        Subquery(received.values("nominee").annotate(c=Count("pk")).values("c")[:1], output_field=IntegerField()),
        Value(0),
        output_field=IntegerField(),
    )
    members = eligible_members(period).order_by()
    if not include_hidden:
        members = members.exclude(leaderboard_visibility=LeaderboardVisibility.HIDDEN)
    qs = members.annotate(member_id=F("pk"), prize_activity=activity, prize_nominations=nominations)
    if period.nomination_weight:
        qs = qs.annotate(points=F("prize_activity") + F("prize_nominations") * Value(period.nomination_weight))
    else:
        qs = qs.annotate(points=F("prize_activity"))
    return qs.filter(points__gt=0)


def score_queryset(*, prize_id: int, include_hidden: bool) -> QuerySet:
    """(member_id, points) of a prize period by its formula: the source of the
    ``prize-<id>`` leaderboard (``SqlBackend`` wraps its SQL in window functions).
    An unknown id raises ``UnknownPrize`` (a ``PrizePeriod.DoesNotExist`` and a 404)."""
    period = _get(prize_id)
    return _scored(period, include_hidden=include_hidden).values("member_id", "points")


def _rank(rows: list[dict]) -> list[dict]:
    """Order by the published tie-break and give competition ranks: members equal on
    score, nominations and the moment they reached it share a place."""
    rows.sort(key=lambda r: (-r["score"], -r["nominations"], r["reached_at"] or _NEVER, r["member_id"]))
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        key = (row["score"], row["nominations"], row["reached_at"])
        if key != previous:
            rank, previous = position, key
        row["rank"] = rank
    return rows


def standings(prize: PrizePeriod, *, include_hidden: bool = True) -> list[dict]:
    """The live standings by the formula, in the published order (``TIE_BREAK``): dicts with
    ``rank`` (competition ranking), ``member_id``, ``score``, ``nominations``,
    ``reached_at`` (when the member reached the score) and ``hidden``. One query."""
    weights = _weights(prize)
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
        _scored(prize, include_hidden=include_hidden)
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
    return _rank(rows)


def _to_json(rows: list[dict]) -> list[dict]:
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


def _from_json(rows: list[dict]) -> list[dict]:
    return [
        {**r, "reached_at": parse_datetime(r["reached_at"]) if r.get("reached_at") else None, "hidden": r.get("hidden")}
        for r in rows or []
    ]


def period_standings(period: PrizePeriod, *, include_hidden: bool) -> list[dict]:
    """Live standings while the period is open, the fixed ones afterwards. Without
    ``include_hidden`` members who are off the leaderboards are left out and the rest
    re-ranked, as on every public board."""
    if period.status == PrizeStatus.OPEN:
        return standings(period, include_hidden=include_hidden)
    rows = _from_json(period.standings)
    if include_hidden:
        return rows
    return _rank([r for r in rows if not r["hidden"]])


def candidates(period: PrizePeriod) -> list[dict]:
    """The jury's choice: the top 5 or 3 × the number of winners, whichever is larger
    (members tied on the last place included), from the fixed standings."""
    limit = max(JURY_MIN_CANDIDATES, period.winners_count * 3)
    return [r for r in _from_json(period.standings) if r["rank"] <= limit]


# --- nominations ----------------------------------------------------------------------------


def nominate(*, period: PrizePeriod, nominator: Member, nominee: Member, reason: str) -> Nomination:
    """``nominator`` names who inspired them this period, with a reason: once per member
    per period (a unique constraint decides between concurrent twins), never themself,
    only an eligible nominee, only while the period is open. Locks the period row, so a
    nomination is either in the standings a close fixes or refused."""
    reason = (reason or "").strip()
    if not period.nomination_weight:
        raise NominationRefused(_("Peer nominations are switched off for this prize."))
    if nominee.pk == nominator.pk:
        raise NominationRefused(_("You cannot nominate yourself. Who inspired you?"))
    if not reason:
        raise NominationRefused(_("Tell us why they inspired you."))
    if len(reason) > REASON_MAX_LENGTH:
        raise NominationRefused(_("Keep the reason under %(max)s characters.") % {"max": REASON_MAX_LENGTH})
    with transaction.atomic():
        locked = PrizePeriod.objects.select_for_update().defer("standings").get(pk=period.pk)
        if not is_open(locked):
            raise NotOpen(_("Nominations for this prize are closed."))
        if not is_eligible(locked, nominee):
            raise NominationRefused(
                _("%(name)s is not eligible for this prize.") % {"name": nominee.name},
            )
        if Nomination.objects.filter(period=locked, nominator=nominator).exists():
            raise AlreadyNominated(_("You have already nominated someone for this prize."))
        try:
            with transaction.atomic():
                nomination = Nomination.objects.create(
                    period=locked, nominator=nominator, nominee=nominee, reason=reason
                )
        except IntegrityError:
            raise AlreadyNominated(_("You have already nominated someone for this prize.")) from None
        board = f"prize-{locked.pk}"
        transaction.on_commit(lambda: leaderboards.schedule_broadcasts([board]))
    return nomination


def nomination_of(period: PrizePeriod, member: Member) -> Nomination | None:
    return Nomination.objects.filter(period=period, nominator=member).select_related("nominee").first()


# --- closing and judging --------------------------------------------------------------------


def _check_master(by: Member | None, *, required: bool) -> None:
    if by is None:
        if required:
            raise PermissionDenied("Only a Social Master may do this.")
        return
    if not by.is_master:
        raise PermissionDenied("Only a Social Master may do this.")


def _award(*, period: PrizePeriod, picks: list[tuple[int, dict, str]], by: Member | None) -> list[PrizeWinner]:
    """Record the winners: PrizeWinner rows, the ``prize_won`` action, the badge and one
    notification each. Runs inside the caller's transaction, holding the period row; every
    step is idempotent by itself as well (unique constraints, dedupe keys)."""
    members = Member.objects.in_bulk([row["member_id"] for _rank, row, _m in picks])
    url = reverse("gamification:prize", args=[period.pk])
    shared = len(picks) > period.winners_count
    winners = []
    for rank, row, motivation in picks:
        member = members.get(row["member_id"])
        if member is None:  # deleted since the standings were fixed
            continue
        winner, _created = PrizeWinner.objects.get_or_create(
            period=period,
            member=member,
            defaults={"rank": rank, "score": row["score"], "motivation": motivation, "confirmed_by": by},
        )
        winners.append(winner)
        record_action(member, PRIZE_WON, ref=f"prize:{period.pk}", label=period.title, url=url)
        if period.badge_id:
            _award_badge(period=period, member=member, by=by)
        people_services.notify(
            member=member,
            kind="prize_won",
            title=_("You won “%(title)s”!"),
            body=_("Congratulations: you share the prize “%(title)s” with a score of %(score)s.")
            if shared
            else _("Congratulations: you are the winner of “%(title)s” with a score of %(score)s."),
            params={"title": period.title, "score": row["score"]},
            url=url,
            dedupe_key=f"prize:{period.pk}",
        )
    return winners


def _award_badge(*, period: PrizePeriod, member: Member, by: Member | None) -> None:
    try:
        from . import badges
    except ImportError:  # gamification.badges not installed yet: the prize itself stands
        logger.warning("gamification.badges is missing: badge for prize %s not awarded", period.pk)
        return
    badges.award(member=member, badge=period.badge, reason=period.title, by=by)


def _close(*, period_id: int, by: Member | None) -> tuple[PrizePeriod, bool]:
    with transaction.atomic():
        try:
            locked = PrizePeriod.objects.select_for_update().get(pk=period_id)
        except PrizePeriod.DoesNotExist:
            raise UnknownPrize(f"No prize period {period_id!r}") from None
        if locked.status != PrizeStatus.OPEN:
            return locked, False
        now = timezone.now()
        if now < locked.starts_at:
            raise NotOpen(_("This prize period has not started yet."))
        if now < locked.ends_at:
            # Closed early: the period ends now, so the formula window and the fixed
            # standings agree.
            locked.ends_at = now
        rows = standings(locked, include_hidden=True)
        locked.standings = _to_json(rows)
        locked.closed_at = now
        if locked.jury:
            locked.status = PrizeStatus.CLOSED
            locked.save(update_fields=["ends_at", "standings", "closed_at", "status"])
            _ask_jury(locked)
        else:
            picks = [(row["rank"], row, "") for row in rows if row["rank"] <= locked.winners_count]
            _award(period=locked, picks=picks, by=by)
            locked.status = PrizeStatus.JUDGED
            locked.save(update_fields=["ends_at", "standings", "closed_at", "status"])
    return locked, True


def _ask_jury(period: PrizePeriod) -> None:
    from people.models import Role

    url = reverse("gamification:prize", args=[period.pk])
    for master in Member.objects.filter(Q(role=Role.MASTER) | Q(is_superuser=True), is_active=True):
        people_services.notify(
            member=master,
            kind="prize_jury",
            title=_("“%(title)s” is closed: confirm the winners"),
            body=_("Choose the winners from the top candidates and write why they won."),
            params={"title": period.title},
            url=url,
            dedupe_key=f"prize-jury:{period.pk}",
        )


def close_period(*, period: PrizePeriod, by: Member | None = None) -> PrizePeriod:
    """Close an open period: fix its standings and, without a jury, pick and reward the
    winners (top ``winners_count`` in the published order, everyone tied on the last
    winning place included); with a jury the status becomes CLOSED and Masters are asked
    to confirm. ``by``: the Master who closes it, or None for the end-date task.

    Locks the period row (``select_for_update``) for the whole close, so running it twice
    or at the same time closes and awards once; a closed period is returned unchanged.
    Closing before the end date ends the period now."""
    _check_master(by, required=False)
    closed, _changed = _close(period_id=period.pk, by=by)
    return closed


def confirm_winners(*, period: PrizePeriod, by: Member, winners: list[tuple[int, str]]) -> PrizePeriod:
    """The jury step: a Master confirms the winners, in order, each from the top candidates
    (``candidates``) and each with a written motivation; at most as many as the formula
    would have picked. Only for a CLOSED period; a JUDGED one is returned unchanged (a
    double submit awards once). Locks the period row like ``close_period``."""
    _check_master(by, required=True)
    with transaction.atomic():
        locked = PrizePeriod.objects.select_for_update().get(pk=period.pk)
        if locked.status == PrizeStatus.JUDGED:
            return locked
        if locked.status != PrizeStatus.CLOSED:
            raise NotOpen(_("Close the period before confirming winners."))
        pool = {row["member_id"]: row for row in candidates(locked)}
        automatic = sum(1 for row in _from_json(locked.standings) if row["rank"] <= locked.winners_count)
        picks, seen = [], set()
        for member_id, motivation in winners:
            try:
                member_id = int(member_id)
            except (TypeError, ValueError):
                raise JuryRefused(_("Choose winners from the top candidates.")) from None
            motivation = (motivation or "").strip()
            if member_id in seen:
                raise JuryRefused(_("Each winner can be chosen once."))
            seen.add(member_id)
            if member_id not in pool:
                raise JuryRefused(_("Choose winners from the top candidates."))
            if not motivation:
                raise JuryRefused(_("Write a motivation for every winner."))
            picks.append((len(picks) + 1, pool[member_id], motivation))
        if pool and not picks:
            raise JuryRefused(_("Choose at least one winner."))
        if len(picks) > max(locked.winners_count, automatic):
            most = max(locked.winners_count, automatic)
            raise JuryRefused(
                ngettext("Choose at most %(count)s winner.", "Choose at most %(count)s winners.", most)
                % {"count": most}
            )
        _award(period=locked, picks=picks, by=by)
        locked.status = PrizeStatus.JUDGED
        locked.save(update_fields=["status"])
    return locked


def close_due_periods(now: datetime.datetime | None = None) -> int:
    """Close every open period whose end date has passed (Celery beat, every few minutes);
    returns how many this call closed. Safe to run twice or in parallel."""
    now = now or timezone.now()
    due = list(
        PrizePeriod.objects.filter(status=PrizeStatus.OPEN, ends_at__lte=now)
        .order_by("ends_at")
        .values_list("pk", flat=True)
    )
    closed = 0
    for pk in due:
        try:
            _period, changed = _close(period_id=pk, by=None)
        except Exception:  # one broken period must not keep the others open
            logger.exception("Could not close prize period %s", pk)
            continue
        closed += int(changed)
    return closed


# --- reads for pages and the API ------------------------------------------------------------


def _named(member: Member, viewer: Member | None) -> bool:
    """The rule of ``leaderboards.present``: names only of members who show them, to Masters
    everyone, and a viewer always sees themself."""
    return member.leaderboard_visibility == LeaderboardVisibility.VISIBLE or (
        viewer is not None and (viewer.is_master or viewer.pk == member.pk)
    )


def public_member(member: Member, viewer: Member | None) -> dict:
    from django.utils.translation import gettext

    if _named(member, viewer):
        return {"id": member.pk, "name": member.name}
    return {"id": None, "name": gettext("Anonymous ambassador")}


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
    """Top ``n`` and the viewer's place, named as ``leaderboards.present`` names people.
    Masters see everyone; others see the public standings (members off the leaderboards
    left out). A viewer who is off the leaderboards still sees their own place."""
    everyone = period_standings(period, include_hidden=True)
    shown = everyone if viewer.is_master else _rank([dict(r) for r in everyone if not r["hidden"]])
    mine = next((r for r in shown if r["member_id"] == viewer.pk), None) or next(
        (r for r in everyone if r["member_id"] == viewer.pk), None
    )
    top = shown[:n]
    rows = [leaderboards.Row(rank=r["rank"], member_id=r["member_id"], points=r["score"]) for r in top]
    if mine is not None:
        rows.append(leaderboards.Row(rank=mine["rank"], member_id=mine["member_id"], points=mine["score"]))
    presented = leaderboards.present(rows, viewer=viewer)
    items: list[dict[str, Any]] = [
        {"rank": p["rank"], "member": p["member"], "score": p["points"], "me": p["me"]} for p in presented
    ]
    me = items.pop() if mine is not None else None
    return Board(results=items, me=me)
