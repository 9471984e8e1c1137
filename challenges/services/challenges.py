"""A challenge's life: launched as a draft, edited, scheduled, opened, closed, judged; its
winners rewarded and announced.

``state`` moves draft → scheduled → open → closed → judged, only here. Every transition
locks the challenge row and re-reads it, so the Master's button and the every-minute task
(``open_and_close_due``) change a challenge once between them. Who may launch and manage is
``challenges.policies``' question."""

import datetime
import logging
import re

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.whitelist import Whitelister

from core.errors import InvalidInput
from core.locking import lock
from people import services as people_services
from people.models import Member, Role

from .. import policies, selectors
from ..errors import InvalidTransition
from ..models import (
    Audience,
    Challenge,
    ChallengeKind,
    ChallengeState,
    Participation,
    StoryStatus,
    WinnerRule,
)
from .rewards import reward_win

logger = logging.getLogger(__name__)

# What a Master sets besides the required title, brief, kind and times.
OPTIONAL_FIELDS = {
    "example",
    "participation",
    "audience",
    "open_to_all_members",
    "points_per_entry",
    "winner_bonus",
    "entries_per_member",
    "winner_rule",
    "badge",
}
AUDIENCE_FIELDS = {"departments", "locations", "roles"}
REQUIRED_FIELDS = {"title", "brief", "kind", "opens_at", "closes_at"}

_STATE_ERRORS = {
    "schedule": _("Only a draft challenge can be scheduled."),
    "unschedule": _("Only a scheduled challenge can go back to draft."),
    "open": _("Only a scheduled challenge can be opened."),
    "close": _("Only an open challenge can be closed."),
    "judge": _("Winners can only be chosen for a closed challenge that is judged by the Social Master."),
}


# --- launching and editing ------------------------------------------------------------


def clean_brief(brief: str) -> str:
    """The brief as safe rich text: HTML from the API or the admin is reduced to the tags
    rich text allows (no scripts, no javascript: links); plain text becomes paragraphs."""
    brief = (brief or "").strip()
    if not brief:
        return ""
    if "<" not in brief:
        return "".join(f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in re.split(r"\n\s*\n", brief))
    return Whitelister().clean(brief)


def _apply_fields(challenge: Challenge, *, by: Member, fields: dict) -> tuple[list | None, list | None]:
    """Set and validate ``fields`` on the (unsaved or locked) challenge; returns the
    departments and locations to set once it is saved (None: leave them)."""
    unknown = set(fields) - OPTIONAL_FIELDS - REQUIRED_FIELDS - AUDIENCE_FIELDS
    if unknown:
        raise TypeError(f"Unknown challenge fields: {', '.join(sorted(unknown))}")
    departments = fields.pop("departments", None)
    locations = fields.pop("locations", None)
    roles = fields.pop("roles", None)
    if "brief" in fields:
        fields["brief"] = clean_brief(fields["brief"])
    for name, value in fields.items():
        setattr(challenge, name, value)
    if roles is not None:
        challenge.set_roles(roles)
    challenge.title = (challenge.title or "").strip()
    if not challenge.title:
        raise InvalidInput(_("A challenge needs a title."))
    if len(challenge.title) > 160:
        raise InvalidInput(_("Keep the title to 160 characters."))
    if challenge.kind not in ChallengeKind.values:
        raise InvalidInput(_("Choose a kind of challenge."))
    if challenge.participation not in Participation.values:
        raise InvalidInput(_("Choose individuals or teams."))
    if challenge.audience not in Audience.values:
        raise InvalidInput(_("Choose an audience."))
    if challenge.winner_rule not in WinnerRule.values:
        raise InvalidInput(_("Choose how the winner is chosen."))
    if not challenge.opens_at or not challenge.closes_at or challenge.closes_at <= challenge.opens_at:
        raise InvalidInput(_("The challenge must close after it opens."))
    if (challenge.entries_per_member or 0) < 1:
        raise InvalidInput(_("Allow at least one entry per member."))
    if not by.is_master:
        # An Activator runs challenges for their own department only.
        challenge.department_id = by.department_id
        challenge.audience = Audience.DEPARTMENTS
        departments = [by.department_id]
        locations = []
    if challenge.audience == Audience.ROLES and not challenge.role_list:
        raise InvalidInput(_("Choose at least one role for the audience."))
    if (
        challenge.audience == Audience.DEPARTMENTS
        and not departments
        and not (challenge.pk and departments is None and challenge.departments.exists())
    ):
        raise InvalidInput(_("Choose at least one department for the audience."))
    if (
        challenge.audience == Audience.LOCATIONS
        and not locations
        and not (challenge.pk and locations is None and challenge.locations.exists())
    ):
        raise InvalidInput(_("Choose at least one location for the audience."))
    return departments, locations


def create_challenge(
    *,
    by: Member,
    title: str,
    brief: str = "",
    kind: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    **optional,
) -> Challenge:
    """A new challenge in the draft state, returned saved. ``optional``: example,
    participation, audience, departments, locations (ids or objects), roles,
    open_to_all_members, points_per_entry, winner_bonus, entries_per_member, winner_rule,
    badge.

    A Master may launch any challenge; an Activator one for their own department (its
    audience becomes that department). Locks nothing (the row is new). Raises
    ``NotAllowed`` (``policies.check_launch_challenges``), ``InvalidInput`` for a field that
    does not fit, ``TypeError`` for an unknown field."""
    policies.check_launch_challenges(by)
    challenge = Challenge(created_by=by, state=ChallengeState.DRAFT)
    departments, locations = _apply_fields(
        challenge,
        by=by,
        fields={"title": title, "brief": brief, "kind": kind, "opens_at": opens_at, "closes_at": closes_at, **optional},
    )
    with transaction.atomic():
        challenge.save()
        if departments:
            challenge.departments.set(departments)
        if locations:
            challenge.locations.set(locations)
    return challenge


def update_challenge(*, by: Member, challenge: Challenge, **fields) -> Challenge:
    """Change a draft or scheduled challenge (the fields of ``create_challenge``); returns
    the saved row. Locks the challenge row, so the opening task cannot race the edit.
    Raises ``NotAllowed`` (``policies.check_manage_challenge``), ``InvalidTransition`` once
    it is open (it is what members entered for), ``InvalidInput`` for a field that does not fit."""
    policies.check_manage_challenge(by, challenge)
    with transaction.atomic():
        locked = _lock(challenge.pk)
        if locked.state not in (ChallengeState.DRAFT, ChallengeState.SCHEDULED):
            raise InvalidTransition(_("An open or finished challenge can no longer be changed."))
        departments, locations = _apply_fields(locked, by=by, fields=fields)
        locked.save()
        if departments is not None:
            locked.departments.set(departments)
        if locations is not None:
            locked.locations.set(locations)
    return locked


# --- the state machine ----------------------------------------------------------------


def _lock(pk: int) -> Challenge:
    """Lock the challenge row (inside the caller's transaction) and read its live values."""
    lock((Challenge, pk))
    return Challenge.objects.get(pk=pk)


def schedule_challenge(*, by: Member, challenge: Challenge, now: datetime.datetime | None = None) -> Challenge:
    """draft → scheduled; a challenge whose start has come opens at once. Locks the
    challenge row; returns it as it now is. Raises ``NotAllowed``, ``InvalidTransition``
    (not a draft, or its closing time has passed)."""
    policies.check_manage_challenge(by, challenge)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(challenge.pk)
        if locked.state != ChallengeState.DRAFT:
            raise InvalidTransition(_STATE_ERRORS["schedule"])
        if locked.closes_at <= now:
            raise InvalidTransition(_("The closing time has passed; choose a later one first."))
        locked.state = ChallengeState.SCHEDULED
        locked.save(update_fields=["state", "updated_at"])
        if locked.opens_at <= now:
            _open(locked, now)
    return locked


def unschedule_challenge(*, by: Member, challenge: Challenge) -> Challenge:
    """scheduled → draft (before it opens). Locks the challenge row; returns it. Raises
    ``NotAllowed``, ``InvalidTransition`` (not scheduled)."""
    policies.check_manage_challenge(by, challenge)
    with transaction.atomic():
        locked = _lock(challenge.pk)
        if locked.state != ChallengeState.SCHEDULED:
            raise InvalidTransition(_STATE_ERRORS["unschedule"])
        locked.state = ChallengeState.DRAFT
        locked.save(update_fields=["state", "updated_at"])
    return locked


def open_challenge(*, by: Member, challenge: Challenge, now: datetime.datetime | None = None) -> Challenge:
    """scheduled → open now (earlier than planned). Locks the challenge row; returns it.
    Raises ``NotAllowed``, ``InvalidTransition`` (not scheduled)."""
    policies.check_manage_challenge(by, challenge)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(challenge.pk)
        if locked.state != ChallengeState.SCHEDULED:
            raise InvalidTransition(_STATE_ERRORS["open"])
        _open(locked, now)
    return locked


def _open(challenge: Challenge, now: datetime.datetime) -> None:
    if challenge.opens_at > now:
        challenge.opens_at = now
    challenge.state = ChallengeState.OPEN
    challenge.opened_at = now
    challenge.save(update_fields=["state", "opens_at", "opened_at", "updated_at"])


def close_challenge(*, by: Member | None, challenge: Challenge, now: datetime.datetime | None = None) -> Challenge:
    """open → closed: the standings are fixed. With "most points" the winners follow at
    once (→ judged); with a judge the Masters are asked to choose. ``by`` None is the
    closing task. Locks the challenge row, so closing twice (task and Master at once)
    awards once; returns the row as it now is. Raises ``NotAllowed``, ``InvalidTransition``
    (not open)."""
    if by is not None:
        policies.check_manage_challenge(by, challenge)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(challenge.pk)
        if locked.state == ChallengeState.SCHEDULED and locked.opens_at <= now:
            _open(locked, now)  # members already saw it open: the opening task was late
        if locked.state != ChallengeState.OPEN:
            raise InvalidTransition(_STATE_ERRORS["close"])
        if locked.closes_at > now:
            locked.closes_at = now
        locked.state = ChallengeState.CLOSED
        locked.closed_at = now
        locked.standings = selectors.standings(challenge=locked)
        locked.save(update_fields=["state", "closes_at", "closed_at", "standings", "updated_at"])
        if locked.winner_rule == WinnerRule.MOST_POINTS:
            top = [row for row in locked.standings if row["rank"] == 1 and row["score"] > 0]
            _judge(locked, top, now)
        else:
            _ask_judge(locked)
    return locked


def judge_challenge(*, by: Member, challenge: Challenge, winner_ids: list[int]) -> Challenge:
    """closed → judged: the Master's choice of winners (member ids, or department ids for a
    team challenge), each from the challenge's standings. Locks the challenge row; returns
    it. Raises ``NotAllowed``, ``InvalidTransition`` (not closed, or not judged by hand),
    ``InvalidInput`` (a winner who is not among the entrants)."""
    policies.check_manage_challenge(by, challenge)
    with transaction.atomic():
        locked = _lock(challenge.pk)
        if locked.state != ChallengeState.CLOSED or locked.winner_rule != WinnerRule.JUDGED:
            raise InvalidTransition(_STATE_ERRORS["judge"])
        key = "department_id" if locked.is_team else "member_id"
        pool = {row[key]: row for row in locked.standings}
        try:
            ids = list(dict.fromkeys(int(pk) for pk in winner_ids))
        except (TypeError, ValueError):
            raise InvalidInput(_("Choose the winners from the entrants.")) from None
        if not ids or any(pk not in pool for pk in ids):
            raise InvalidInput(_("Choose the winners from the entrants."))
        _judge(locked, [pool[pk] for pk in ids], timezone.now())
    return locked


def open_and_close_due(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Open scheduled challenges whose time has come and close open ones that are over
    (Celery beat, every 10 seconds); returns how many opened and closed. Each challenge is
    locked on its own and its state re-checked, so running twice or in parallel changes
    each once. One that is busy or broken waits for the next run; raises nothing."""
    now = now or timezone.now()
    opened = closed = 0
    for pk in Challenge.objects.filter(state=ChallengeState.SCHEDULED, opens_at__lte=now).values_list("pk", flat=True):
        try:
            with transaction.atomic():
                locked = _lock(pk)
                if locked.state == ChallengeState.SCHEDULED and locked.opens_at <= now:
                    _open(locked, now)
                    opened += 1
        except Exception:  # one broken challenge must not keep the others shut
            logger.exception("Could not open challenge %s", pk)
    for pk in Challenge.objects.filter(state=ChallengeState.OPEN, closes_at__lte=now).values_list("pk", flat=True):
        try:
            close_challenge(by=None, challenge=Challenge(pk=pk), now=now)
            closed += 1
        except InvalidTransition:
            continue
        except Exception:  # one broken challenge must not keep the others open
            logger.exception("Could not close challenge %s", pk)
    return opened, closed


# --- winners --------------------------------------------------------------------------


def _judge(challenge: Challenge, rows: list[dict], now: datetime.datetime) -> None:
    """Record the winners (ties are all winners, and said so), award the winner points and
    badge once each, and announce. Runs holding the challenge row."""
    winners = [dict(row) for row in rows]
    members = _winning_members(challenge, winners)
    for member in members:
        reward_win(challenge=challenge, member=member)
    challenge.winners = winners
    challenge.state = ChallengeState.JUDGED
    challenge.judged_at = now
    challenge.save(update_fields=["winners", "state", "judged_at", "updated_at"])
    _announce(challenge, members)


def _winning_members(challenge: Challenge, winners: list[dict]) -> list[Member]:
    if challenge.is_team:
        # The members of a winning department who took part (an approved entry).
        departments = [row["department_id"] for row in winners]
        return list(
            Member.objects.filter(
                department_id__in=departments,
                stories__challenge=challenge,
                stories__status=StoryStatus.APPROVED,
            ).distinct()
        )
    return list(Member.objects.filter(pk__in=[row["member_id"] for row in winners]))


def _others(challenge: Challenge, member: Member) -> list[str]:
    """The names of the winners ``member`` shares first place with: the other winning
    members, or in a team challenge the other winning departments."""
    key, own = ("department_id", member.department_id) if challenge.is_team else ("member_id", member.pk)
    return sorted(str(row.get("name", "")) for row in challenge.winners if row.get(key) != own)


def _announce(challenge: Challenge, winners: list[Member]) -> None:
    url = reverse("challenges:detail", args=[challenge.pk])
    names = ", ".join(sorted(str(row.get("name", "")) for row in challenge.winners))
    winner_ids = {m.pk for m in winners}
    for member in winners:
        others = _others(challenge, member)
        with translation.override(member.language):
            joined = get_text_list(others, gettext("and"))
        people_services.notify(
            member=member,
            kind="challenge_won",
            title=_("You won the challenge “%(title)s”!"),
            body=ngettext_lazy(
                "Congratulations: you and %(names)s share first place in “%(title)s”.",
                "Congratulations: you and %(count)s others (%(names)s) share first place in “%(title)s”.",
                len(others),
            )
            if others
            else _("Congratulations: you won “%(title)s”."),
            params={"title": challenge.title, "names": joined, "count": len(others)},
            url=url,
            dedupe_key=f"challenge-won:{challenge.pk}",
        )
    entrants = Member.objects.filter(stories__challenge=challenge).exclude(pk__in=winner_ids).distinct()
    for member in entrants:
        people_services.notify(
            member=member,
            kind="challenge_results",
            title=_("Results of “%(title)s”"),
            body=_("The winners are: %(names)s.") if names else _("There is no winner this time."),
            params={"title": challenge.title, "names": names},
            url=url,
            dedupe_key=f"challenge-results:{challenge.pk}",
        )


def _ask_judge(challenge: Challenge) -> None:
    url = reverse("challenges:manage_detail", args=[challenge.pk])
    judges = Member.objects.filter(Q(role=Role.MASTER) | Q(is_superuser=True), is_active=True)
    if challenge.created_by_id:
        judges = judges | Member.objects.filter(pk=challenge.created_by_id)
    for judge in judges.distinct():
        people_services.notify(
            member=judge,
            kind="challenge_judge",
            title=_("“%(title)s” is closed: choose the winners"),
            params={"title": challenge.title},
            url=url,
            dedupe_key=f"challenge-judge:{challenge.pk}",
        )
