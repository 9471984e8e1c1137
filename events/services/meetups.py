"""Meetups: who does what by when (action items, evaluated at the next meetup), and the
stories hosts note down for the Creators."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import Conflict, InvalidInput, NotAllowed
from core.locking import lock
from people.models import Member

from ..models import ActionItem, CollectedStory, SessionKind, SessionPage
from ..policies import HOSTS_ONLY, can_manage_session


def _require_host(member: Member, session: SessionPage) -> None:
    if not can_manage_session(member=member, session=session):
        raise NotAllowed(HOSTS_ONLY)


def _require_meetup(session: SessionPage) -> None:
    if session.kind != SessionKind.MEETUP:
        raise Conflict(_("Action items belong to meetups."), code="not_a_meetup")


def add_action_item(
    *, meetup: SessionPage, by: Member, owner: Member, what: str, due_on: datetime.date | None = None
) -> ActionItem:
    """A host (or Master) records who does what by when, during the meetup. Locks nothing.
    Returns the new item. Raises ``NotAllowed`` (403) for others, ``Conflict`` (409) for a
    session that is no meetup, ``InvalidInput`` (400) for an empty or too long text."""
    _require_host(by, meetup)
    _require_meetup(meetup)
    what = (what or "").strip()
    if not what:
        raise InvalidInput(_("Say what needs to be done."))
    if len(what) > 300:
        raise InvalidInput(_("Keep an action item under 300 characters."))
    return ActionItem.objects.create(meetup=meetup, owner=owner, what=what, due_on=due_on, created_by=by)


def evaluate_action_item(*, item: ActionItem, at_meetup: SessionPage, by: Member, outcome: str) -> ActionItem:
    """At the next meetup: the previous meetup's open item is done, not done, or carried
    over (then it stays open as a new item of this meetup). Evaluated once.

    Locks the item's row. Returns the evaluated item. Raises ``NotAllowed`` (403) unless
    ``by`` hosts ``at_meetup``, ``InvalidInput`` (400) for another outcome, ``Conflict``
    (409) when the item was evaluated already."""
    _require_host(by, at_meetup)
    if outcome not in {ActionItem.Status.DONE, ActionItem.Status.NOT_DONE, ActionItem.Status.CARRIED_OVER}:
        raise InvalidInput(_("Choose done, not done or carried over."))
    with transaction.atomic():
        lock(item)
        live = ActionItem.objects.get(pk=item.pk)
        if live.status != ActionItem.Status.OPEN:
            raise Conflict(_("This action item was already evaluated."), code="already_evaluated")
        live.status = outcome
        live.evaluated_at = timezone.now()
        live.evaluated_in = at_meetup
        live.save(update_fields=["status", "evaluated_at", "evaluated_in"])
        if outcome == ActionItem.Status.CARRIED_OVER:
            ActionItem.objects.create(
                meetup=at_meetup,
                owner_id=live.owner_id,
                what=live.what,
                due_on=None,
                created_by=by,
                carried_from=live,
            )
    return live


def add_collected_story(
    *, meetup: SessionPage, by: Member, summary: str, member: Member | None = None
) -> CollectedStory:
    """A host notes down a story told at the meetup (about ``member``, if anyone). Locks
    nothing. Returns the story. Raises ``NotAllowed`` (403) for others, ``Conflict`` (409)
    for a session that is no meetup, ``InvalidInput`` (400) for an empty text."""
    _require_host(by, meetup)
    _require_meetup(meetup)
    summary = (summary or "").strip()
    if not summary:
        raise InvalidInput(_("Write down the story in a sentence or two."))
    return CollectedStory.objects.create(meetup=meetup, member=member, summary=summary[:2000], created_by=by)
