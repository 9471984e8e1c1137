"""The one way into gamification: ``record_action``. Every other app tells it what happened;
rules a Master configures turn that into points, levels, streaks, badges and board moves."""

import datetime
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.batching import Batcher
from core.memo import SharedMemo
from people import services as people_services
from people.models import Member

from . import leaderboards, ledger_pg, levels
from .models import ActiveWeek, BoardEntry, LevelReached, PointRule, PointsEntry, PointsTotal, board_name_validator

logger = logging.getLogger(__name__)


class Skipped:
    NO_RULE = "no_rule"
    INACTIVE = "inactive"
    OUTSIDE_WINDOW = "outside_window"
    DUPLICATE = "duplicate"
    DAILY_CAP = "daily_cap"
    COOLDOWN = "cooldown"


@dataclass
class Award:
    entry: PointsEntry | None
    created: bool
    skipped: str | None = None
    levels_reached: tuple[int, ...] = ()

    @property
    def points(self) -> int:
        return self.entry.points if (self.entry and self.created) else 0


def week_start(moment: datetime.datetime) -> datetime.date:
    local = timezone.localtime(moment).date()
    return local - datetime.timedelta(days=local.weekday())


def _lock_total(member: Member) -> PointsTotal:
    """Lock (creating if needed) the member's total row: all awards to one member are
    serialised on it, so caps, cooldowns and level-ups are decided on settled numbers."""
    total = PointsTotal.objects.select_for_update().filter(member=member).first()
    if total is None:
        PointsTotal.objects.get_or_create(member=member)
        total = PointsTotal.objects.select_for_update().get(member=member)
    return total


_rules = SharedMemo("gamification:rules:v1", lambda: {rule.action: rule for rule in PointRule.objects.all()})


def rule_for(action: str) -> PointRule | None:
    """The action's rule (every award needs it): from the process and the shared cache;
    saving or deleting a rule clears both."""
    return _rules.get().get(action)


post_save.connect(_rules.forget, sender=PointRule, dispatch_uid="gamification.rules.save")
post_delete.connect(_rules.forget, sender=PointRule, dispatch_uid="gamification.rules.delete")


def record_action(
    member: Member,
    action: str,
    ref: str,
    occurred_at: datetime.datetime | None = None,
    *,
    boards: Iterable[str] = (),
    label: str = "",
    url: str = "",
) -> Award:
    """Record that ``member`` did ``action`` (identified by ``ref``, e.g. ``lesson:<key>``).

    Awards the points of the action's rule once per (member, action, ref): a retry, a double
    click or a concurrent request gets the first entry back (a unique constraint decides).
    Respects the rule's active flag, validity window, daily cap and cooldown. ``boards``
    names extra leaderboards this entry counts on (``challenge-7``), so callers pass scopes
    gamification does not know. Side effects (board index, live pushes, badge checks) run
    after commit, so a rolled-back action never shows up anywhere.
    """
    occurred_at = occurred_at or timezone.now()
    boards = sorted(set(boards))
    for board in boards:
        board_name_validator(board)
    rule = rule_for(action)
    if rule is None:
        return Award(entry=None, created=False, skipped=Skipped.NO_RULE)
    if not rule.active:
        return Award(entry=None, created=False, skipped=Skipped.INACTIVE)
    if (rule.valid_from and occurred_at < rule.valid_from) or (rule.valid_until and occurred_at >= rule.valid_until):
        return Award(entry=None, created=False, skipped=Skipped.OUTSIDE_WINDOW)

    if _one_statement_applies(rule):
        return _record_in_one_statement(
            member=member, rule=rule, ref=ref, occurred_at=occurred_at, boards=boards, label=label, url=url
        )
    try:
        with transaction.atomic():
            total = _lock_total(member)
            existing = PointsEntry.objects.filter(member=member, action=action, ref=ref).first()
            if existing is not None:
                return Award(entry=existing, created=False, skipped=Skipped.DUPLICATE)
            skipped = _guard(rule, member, action, occurred_at)
            if skipped:
                return Award(entry=None, created=False, skipped=skipped)
            entry = PointsEntry.objects.create(
                member=member,
                action=action,
                ref=ref,
                points=rule.points,
                occurred_at=occurred_at,
                label=label[:200],
                url=url[:500],
            )
            reached = _apply(member=member, total=total, entry=entry, boards=boards)
    except IntegrityError:
        # A concurrent twin won (the row lock makes this rare: e.g. the member's very first
        # award arriving twice at once); the constraint kept it once and this transaction
        # rolled back whole.
        existing = PointsEntry.objects.filter(member=member, action=action, ref=ref).first()
        if existing is None:
            raise
        return Award(entry=existing, created=False, skipped=Skipped.DUPLICATE)
    return Award(entry=entry, created=True, levels_reached=reached)


def _one_statement_applies(rule: PointRule) -> bool:
    return (
        connection.vendor == "postgresql"
        and not rule.cooldown_seconds
        and rule.daily_cap is None
        and getattr(settings, "GAMIFICATION_ONE_STATEMENT_AWARDS", True)
    )


def _record_in_one_statement(
    *,
    member: Member,
    rule: PointRule,
    ref: str,
    occurred_at: datetime.datetime,
    boards: list[str],
    label: str,
    url: str,
) -> Award:
    """``record_action`` on PostgreSQL for a rule without cheat guards: see ``ledger_pg``.
    Inside a caller's transaction it simply joins it; on its own the statement is its own
    transaction, so an award costs one round trip."""
    params = {
        "member": member.pk,
        "action": rule.action,
        "ref": ref,
        "points": rule.points,
        "occurred_at": occurred_at,
        "now": timezone.now(),
        "label": label[:200],
        "url": url[:500],
        "boards": boards,
        "week": week_start(occurred_at),
    }
    row = ledger_pg.execute(params)
    if row is None:
        existing = PointsEntry.objects.filter(member=member, action=rule.action, ref=ref).first()
        if existing is None:
            raise PointsEntry.DoesNotExist(f"member {member.pk} not found")
        return Award(entry=existing, created=False, skipped=Skipped.DUPLICATE)
    entry_id, new_total, department_id, location_id, visibility, is_active, reached = row
    entry = PointsEntry(
        pk=entry_id,
        member=member,
        action=rule.action,
        ref=ref,
        points=rule.points,
        occurred_at=occurred_at,
        created_at=params["now"],
        label=params["label"],
        url=params["url"],
    )
    reached = tuple(reached)
    if reached:
        _notify_level(member=member, total=new_total, number=reached[-1])
    facts = leaderboards.EntryFacts(
        member_id=member.pk,
        points=rule.points,
        occurred_at=occurred_at,
        department_id=department_id,
        location_id=location_id,
        visibility=visibility,
        active=is_active,
        boards=tuple(boards),
    )
    _after_commit_of(entry=entry, department_id=department_id, location_id=location_id, boards=boards, facts=facts)
    return Award(entry=entry, created=True, levels_reached=reached)


def _guard(rule: PointRule, member: Member, action: str, occurred_at: datetime.datetime) -> str | None:
    """The cheat guards: cooldown and daily cap (checked while holding the member's lock)."""
    mine = PointsEntry.objects.filter(member=member, action=action)
    if (
        rule.cooldown_seconds
        and mine.filter(
            occurred_at__gt=occurred_at - datetime.timedelta(seconds=rule.cooldown_seconds),
            occurred_at__lte=occurred_at,
        ).exists()
    ):
        return Skipped.COOLDOWN
    if rule.daily_cap is not None:
        local_day = timezone.localtime(occurred_at).date()
        start = timezone.make_aware(datetime.datetime.combine(local_day, datetime.time.min))
        today = mine.filter(occurred_at__gte=start, occurred_at__lt=start + datetime.timedelta(days=1))
        if today.count() >= rule.daily_cap:
            return Skipped.DAILY_CAP
    return None


@transaction.atomic
def correct_points(*, member: Member, points: int, reason: str, by: Member) -> PointsEntry:
    """A Master's correction: a new ledger line (never an edit) with the reason."""
    if not reason.strip():
        raise ValueError("A correction needs a reason.")
    if points == 0:
        raise ValueError("A correction of 0 points changes nothing.")
    total = _lock_total(member)
    entry = PointsEntry.objects.create(
        member=member,
        action="correction",
        ref=f"correction:{uuid.uuid4()}",
        points=points,
        reason=reason.strip(),
        created_by=by,
    )
    _apply(member=member, total=total, entry=entry, boards=[])
    return entry


def _apply(*, member: Member, total: PointsTotal, entry: PointsEntry, boards: list[str]) -> tuple[int, ...]:
    """Bring totals, boards, active weeks and levels in line with a new ledger line.
    Runs inside the caller's transaction, holding the member's total row."""
    if boards:
        BoardEntry.objects.bulk_create(
            [
                BoardEntry(entry=entry, board=board, member=member, points=entry.points, occurred_at=entry.occurred_at)
                for board in boards
            ]
        )
    old_total = total.total
    total.total = old_total + entry.points
    total.save(update_fields=["total", "updated_at"])
    if entry.points > 0:
        week = week_start(entry.occurred_at)
        if not ActiveWeek.objects.filter(member=member, week=week).exists():
            ActiveWeek.objects.create(member=member, week=week)  # under the member's lock: no twin
    reached = []
    for number in levels.levels_between(old_total, total.total):
        _reached, created = LevelReached.objects.get_or_create(member=member, number=number)
        if created:
            reached.append(number)
    if reached:
        _notify_level(member=member, total=total.total, number=reached[-1])
    _after_commit_of(entry=entry, department_id=member.department_id, location_id=member.location_id, boards=boards)
    return tuple(reached)


def _notify_level(*, member: Member, total: int, number: int) -> None:
    info = levels.level_for(total)
    people_services.notify(
        member=member,
        kind="level_reached",
        title=_("New level: %(level)s"),
        body=_("You reached level %(number)s with %(points)s points."),
        params={"level": _LevelName(info) if info else number, "number": number, "points": total},
        url=reverse("gamification:points"),
        dedupe_key=f"level:{number}",
    )


def _after_commit_of(
    *,
    entry: PointsEntry,
    department_id: int | None,
    location_id: int | None,
    boards: list[str],
    facts: "leaderboards.EntryFacts | None" = None,
) -> None:
    """Once the award is committed: index it, let the boards it moved broadcast soon and have
    the member's badges evaluated. Nothing of this happens for a rolled-back award."""
    affected = ["all"]
    affected += [f"department-{department_id}"] if department_id else []
    affected += [f"location-{location_id}"] if location_id else []
    affected += [*boards, *(f"prize-{pk}" for pk in _open_prizes_counting(entry.action, entry.occurred_at))]
    item = (entry.pk, entry.member_id, affected, facts)
    transaction.on_commit(lambda: _follow_ups.add(item))


def _load_open_prizes() -> list:
    from .models import PrizePeriod, PrizeStatus

    return list(
        PrizePeriod.objects.filter(status=PrizeStatus.OPEN).values_list("pk", "formula", "starts_at", "ends_at")
    )


_open_prizes = SharedMemo("gamification:open-prizes:v1", _load_open_prizes, timeout=60)


def _open_prizes_counting(action: str, occurred_at: datetime.datetime) -> list[int]:
    """Open prize periods whose published formula counts this action at this time: their
    live standings move too."""
    return [
        pk
        for pk, formula, starts_at, ends_at in _open_prizes.get()
        if starts_at <= occurred_at < ends_at and isinstance(formula, dict) and formula.get(action)
    ]


post_save.connect(_open_prizes.forget, sender="gamification.PrizePeriod", dispatch_uid="gamification.prizes.save")
post_delete.connect(_open_prizes.forget, sender="gamification.PrizePeriod", dispatch_uid="gamification.prizes.delete")


class _LevelName:
    """Renders the level's name in whatever language is active when the text is rendered."""

    def __init__(self, info):
        self.info = info

    def __str__(self):
        from django.utils.translation import get_language

        return self.info.display_name(get_language())


def _follow_up(items: list[tuple[int, int, list[str], "leaderboards.EntryFacts | None"]]) -> None:
    """What committed awards set off, for a batch of them (see ``core.batching``): index
    them on the boards (one pipeline for those whose facts the award read), schedule the
    broadcasts of the boards they moved and mark their members for badge evaluation."""
    from . import badges

    try:
        leaderboards.index_entries([(entry_id, facts) for entry_id, _m, _b, facts in items if facts is not None])
        for entry_id, _member, _boards, facts in items:
            if facts is None:
                leaderboards.index_entry(entry_id)
    except Exception:  # the ledger is the truth; the index is repaired by the drift check
        logger.warning("Could not index %s points entries", len(items), exc_info=True)
    leaderboards.schedule_broadcasts(board for _e, _m, boards, _f in items for board in boards)
    badges.evaluate_soon(member_id for _e, member_id, _b, _f in items)


_follow_ups = Batcher("award-follow-ups", _follow_up)


def set_leaderboard_visibility(*, member: Member, visibility: str) -> None:
    """Show, anonymise or hide a member on every board; the board index follows on commit."""
    from people.models import LeaderboardVisibility

    if visibility not in LeaderboardVisibility.values:
        raise ValueError(f"Unknown visibility {visibility!r}")
    member.leaderboard_visibility = visibility
    member.save(update_fields=["leaderboard_visibility"])

    def move():
        from . import leaderboards

        try:
            leaderboards.get_backend().set_visibility(member.pk)
        except Exception:  # the drift repair catches up
            logger.warning("Could not update board visibility of member %s", member.pk, exc_info=True)

    transaction.on_commit(move)


# --- reads that services and pages share -------------------------------------------------


def streak(member: Member, today: datetime.date | None = None) -> dict:
    """Current and longest run of consecutive active weeks. The current week only breaks
    the streak once it is over: a streak through last week is still alive this week."""
    weeks = sorted(ActiveWeek.objects.filter(member=member).values_list("week", flat=True))
    return streak_from_weeks(weeks, today or timezone.localdate())


def streak_from_weeks(weeks: list[datetime.date], today: datetime.date) -> dict:
    longest = run = 0
    previous = None
    for week in weeks:
        run = run + 1 if previous is not None and (week - previous).days == 7 else 1
        longest = max(longest, run)
        previous = week
    this_week = today - datetime.timedelta(days=today.weekday())
    current = 0
    if weeks and (this_week - weeks[-1]).days <= 7:
        current = 1
        for earlier, later in zip(reversed(weeks[:-1]), reversed(weeks[1:]), strict=True):
            if (later - earlier).days != 7:
                break
            current += 1
    return {"current": current, "longest": longest}
