"""The "best social media user" prize: nominations, closing a period and the jury step.

A period (by default a calendar quarter: weekly resets burn people out) publishes

* its **formula**: which ledger actions count and how much each one is worth
  (``{"story_approved": 10, "story_shared": 5, …}``), scored by ``gamification.scoring``;
* its **eligible audience** (departments; none selected means everyone), only active members;
* its **number of winners**, and whether a **jury** (a Master) confirms them;
* its **tie-break** (``selectors.prizes.TIE_BREAK``): equal scores are decided by more
  nominations, then by who reached the score first; members equal on all of that share the
  place (they are listed by member id), and if they share the last winning place they all win.

Closing a period (a Master, or ``close_due_periods`` from Celery beat at the end date)
fixes the standings in ``PrizePeriod.standings`` and, without a jury, picks the winners;
with a jury it waits for ``confirm_winners``. Each winner gets a ``PrizeWinner`` row, the
``prize_won`` action through ``record_action`` (its points come from the ``prize_won``
point rule a Master sets, so every point goes through the one ledger path and its
guards), the period's badge if it has one, and one notification.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.errors import NotAllowed
from core.locking import lock
from gamification import policies, scoring
from gamification.errors import AlreadyNominated, JuryRefused, NominationRefused, NotOpen, UnknownPrize
from gamification.models import Nomination, PrizePeriod, PrizeStatus, PrizeWinner
from gamification.selectors.prizes import candidates, fixed_standings, is_open, standings, standings_to_json
from people import services as people_services
from people.models import Member, Role

from . import badges, broadcasts
from .points import record_action

logger = logging.getLogger(__name__)

PRIZE_WON = "prize_won"
REASON_MAX_LENGTH = 1000


def _locked_period(period_id: int) -> PrizePeriod:
    """Lock the period row for the rest of the transaction and read it as it is now."""
    try:
        lock((PrizePeriod, period_id))
        return PrizePeriod.objects.get(pk=period_id)
    except PrizePeriod.DoesNotExist:
        raise UnknownPrize() from None


def _check_judge(by: Member | None, *, required: bool) -> None:
    if by is None and not required:
        return  # the end-date task
    if not policies.can_judge_prizes(by):
        raise NotAllowed(_("Only a Social Master may do this."))


# --- nominations ----------------------------------------------------------------------------


def nominate(*, period: PrizePeriod, nominator: Member, nominee: Member, reason: str) -> Nomination:
    """``nominator`` names who inspired them this period, with a reason: once per member
    per period, never themself, only an eligible nominee, only while the period is open.

    Locks the period row (``core.lock``), so a nomination is either in the standings a
    close fixes or refused; the unique constraint decides between concurrent twins. Returns
    the nomination; the prize board broadcasts after commit. Raises ``NominationRefused``
    (nominations off, oneself, no or too long a reason, a nominee who is not eligible),
    ``NotOpen``, ``AlreadyNominated``, ``UnknownPrize`` and ``Busy``."""
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
        locked = _locked_period(period.pk)
        if not is_open(locked):
            raise NotOpen(_("Nominations for this prize are closed."))
        if not scoring.can_be_nominated(locked, nominee):
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
        transaction.on_commit(lambda: broadcasts.schedule_broadcasts(boards=[board]))
    return nomination


# --- closing and judging --------------------------------------------------------------------


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
        record_action(member=member, action=PRIZE_WON, ref=f"prize:{period.pk}", label=period.title, url=url)
        if period.badge_id:
            badges.award(member=member, badge=period.badge, reason=period.title, by=by)
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


def _close(*, period_id: int, by: Member | None) -> tuple[PrizePeriod, bool]:
    with transaction.atomic():
        locked = _locked_period(period_id)
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
        locked.standings = standings_to_json(rows)
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
    to confirm. ``by``: the Master who closes it, or None for the end-date task. Closing
    before the end date ends the period now.

    Locks the period row (``core.lock``) for the whole close, so running it twice or at the
    same time closes and awards once. Returns the period as closed (a closed one unchanged).
    Raises ``NotAllowed`` unless ``by`` may judge prizes (``policies.can_judge_prizes``),
    ``NotOpen`` before the period started, ``UnknownPrize`` and ``Busy``."""
    _check_judge(by, required=False)
    closed, _changed = _close(period_id=period.pk, by=by)
    return closed


def confirm_winners(*, period: PrizePeriod, by: Member, winners: list[tuple[int, str]]) -> PrizePeriod:
    """The jury step: a Master confirms the winners, in order, each from the top candidates
    (``selectors.prizes.candidates``) with a written motivation, ``winners`` being
    ``(member id, motivation)`` pairs; at most as many as the formula would have picked.

    Locks the period row like ``close_period``. Returns the period, JUDGED; a JUDGED one is
    returned unchanged (a double submit awards once). Raises ``NotAllowed`` unless ``by``
    may judge prizes, ``NotOpen`` for a period that is not closed yet, ``JuryRefused`` for
    a choice outside the published rules, ``UnknownPrize`` and ``Busy``."""
    _check_judge(by, required=True)
    with transaction.atomic():
        locked = _locked_period(period.pk)
        if locked.status == PrizeStatus.JUDGED:
            return locked
        if locked.status != PrizeStatus.CLOSED:
            raise NotOpen(_("Close the period before confirming winners."))
        pool = {row["member_id"]: row for row in candidates(locked)}
        automatic = sum(1 for row in fixed_standings(locked) if row["rank"] <= locked.winners_count)
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


def close_due_periods(*, now: datetime.datetime | None = None) -> int:
    """Close every open period whose end date has passed (Celery beat, every few minutes),
    each in its own transaction holding its row (see ``close_period``); returns how many
    this call closed. Safe to run twice or in parallel; one broken period is logged and
    keeps none of the others open."""
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
