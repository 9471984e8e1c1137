"""The one way into gamification: ``record_action``. Every other app tells it what happened;
rules a Master configures turn that into points, levels, streaks, badges and board moves."""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidInput, NotAllowed
from core.memo import SharedMemo
from gamification import policies
from gamification.leaderboards.boards import EntryFacts
from gamification.leaderboards.periods import week_start
from gamification.models import (
    ActiveWeek,
    ActivityWeek,
    BoardEntry,
    LevelReached,
    PointRule,
    PointsEntry,
    PointsTotal,
    board_name_validator,
)
from gamification.selectors.levels import LevelInfo, level_for, levels_between
from people import services as people_services
from people.models import Member

from . import activity, board_totals, follow_ups, ledger_pg


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


rules_memo = SharedMemo("gamification:rules:v1", lambda: {rule.action: rule for rule in PointRule.objects.all()})


def rule_for(action: str) -> PointRule | None:
    """The action's rule (every award needs it): from the process and the shared cache;
    saving or deleting a rule clears both (``GamificationConfig.ready``)."""
    return rules_memo.get().get(action)


def _lock_total(member: Member) -> PointsTotal:
    """Lock (creating if needed) the member's total row: all awards to one member are
    serialised on it, so caps, cooldowns and level-ups are decided on settled numbers.
    Not ``core.lock``: the row may not exist yet, and in the common case this is one
    ``SELECT … FOR UPDATE`` that also reads the total."""
    total = PointsTotal.objects.select_for_update().filter(member=member).first()
    if total is None:
        PointsTotal.objects.get_or_create(member=member)
        total = PointsTotal.objects.select_for_update().get(member=member)
    return total


def _checked_boards(boards: Iterable[str]) -> list[str]:
    names = sorted(set(boards))
    for board in names:
        try:
            board_name_validator(board)
        except ValidationError:
            raise InvalidInput(
                _("A board is a word, optionally followed by -<number>."), code="invalid_board"
            ) from None
    return names


def record_action(
    *,
    member: Member,
    action: str,
    ref: str,
    occurred_at: datetime.datetime | None = None,
    boards: Iterable[str] = (),
    label: str = "",
    url: str = "",
) -> Award:
    """Record that ``member`` did ``action`` (identified by ``ref``, e.g. ``lesson:<key>``) at
    ``occurred_at`` (default: now).

    Awards the points of the action's rule once per (member, action, ref): a retry, a double
    click or a concurrent request gets the first entry back (a unique constraint decides).
    Respects the rule's active flag, validity window, daily cap and cooldown. ``boards``
    names extra leaderboards this entry counts on (``challenge-7``), so callers pass scopes
    gamification does not know; ``label`` and ``url`` explain the line in the member's
    points history.

    Locks: the member's ``PointsTotal`` row, for the rest of the caller's transaction (or
    this call's own). On PostgreSQL a rule without a daily cap or cooldown is one statement
    (``ledger_pg``) that takes that row lock by its upsert; any other rule locks the row
    first, then reads the earlier lines its guards need.

    Returns an ``Award``: ``created`` with the new entry and the levels it reached, or the
    reason nothing was awarded (``Skipped``; ``DUPLICATE`` carries the first entry).

    Raises ``InvalidInput`` for a board name that is not a word optionally followed by
    ``-<number>``. Side effects (board index, live pushes, badge checks, the level
    notification's push) run after commit, so a rolled-back action never shows up anywhere.
    """
    occurred_at = occurred_at or timezone.now()
    boards = _checked_boards(boards)
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
    keys = board_totals.keys_for(occurred_at, boards)
    params["total_boards"] = [board for board, _bucket in keys]
    params["total_buckets"] = [bucket for _board, bucket in keys]
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
    facts = EntryFacts(
        member_id=member.pk,
        points=rule.points,
        occurred_at=occurred_at,
        department_id=department_id,
        location_id=location_id,
        visibility=visibility,
        active=is_active,
        boards=tuple(boards),
    )
    follow_ups.after_commit_of(
        entry=entry, department_id=department_id, location_id=location_id, boards=boards, facts=facts
    )
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
    """A Master's correction of ``member``'s points: a new ledger line (never an edit) with
    the reason, counted on the boards like any other line.

    Locks the member's ``PointsTotal`` row (as ``record_action`` does). Returns the new
    entry. Raises ``NotAllowed`` unless ``by`` may correct points
    (``policies.can_correct_points``), ``InvalidInput`` without a reason or for 0 points."""
    if not policies.can_correct_points(by):
        raise NotAllowed(_("Only Social Masters correct points."))
    if not reason.strip():
        raise InvalidInput(_("A correction needs a reason."))
    if points == 0:
        raise InvalidInput(_("A correction of 0 points changes nothing."))
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
    """Bring totals (all-time and per board and period), boards, active weeks and levels in
    line with a new ledger line.
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
    activity.count_activity(
        member_id=member.pk, kind=ActivityWeek.LEDGER, action=entry.action, at=entry.occurred_at, points=entry.points
    )
    board_totals.count_points(member_id=member.pk, points=entry.points, at=entry.occurred_at, boards=boards)
    if entry.points > 0:
        week = week_start(entry.occurred_at)
        if not ActiveWeek.objects.filter(member=member, week=week).exists():
            ActiveWeek.objects.create(member=member, week=week)  # under the member's lock: no twin
    reached = []
    for number in levels_between(old_total, total.total):
        _reached, created = LevelReached.objects.get_or_create(member=member, number=number)
        if created:
            reached.append(number)
    if reached:
        _notify_level(member=member, total=total.total, number=reached[-1])
    follow_ups.after_commit_of(
        entry=entry, department_id=member.department_id, location_id=member.location_id, boards=boards
    )
    return tuple(reached)


def _notify_level(*, member: Member, total: int, number: int) -> None:
    info = level_for(total)
    people_services.notify(
        member=member,
        kind="level_reached",
        title=_("New level: %(level)s"),
        body=_("You reached level %(number)s with %(points)s points."),
        params={"level": _LevelName(info) if info else number, "number": number, "points": total},
        url=reverse("gamification:points"),
        dedupe_key=f"level:{number}",
    )


class _LevelName:
    """Renders the level's name in whatever language is active when the text is rendered."""

    def __init__(self, info: LevelInfo):
        self.info = info

    def __str__(self):
        return self.info.display_name(get_language())
