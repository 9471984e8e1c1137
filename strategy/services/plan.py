"""Changes to the content plan: adding planned items (by hand, from a calendar entry, from a
challenge), moving them along the workflow, following the story they became, and reminding
owners before the due date."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidInput, NotAllowed
from core.locking import lock
from people.models import Department, Member
from people.services.notifications import notify

from .. import policies
from ..models import PLAN_ORDER, CalendarEntry, Channel, KeyMessage, PlanItem, PlanStatus

# Owners hear about an unfinished item this many days before it is due (and on the day).
REMIND_DAYS_BEFORE = 2
UNFINISHED = (PlanStatus.IDEA, PlanStatus.PLANNED, PlanStatus.IN_PROGRESS)
# What a story's status means for its planned item.
STORY_STATUS_TO_PLAN = {
    "submitted": PlanStatus.SUBMITTED,
    "approved": PlanStatus.APPROVED,
    "shared": PlanStatus.SHARED,
}


class _Unset:
    pass


UNSET = _Unset()


def _check_due(due: datetime.date, *, today: datetime.date) -> None:
    if not isinstance(due, datetime.date):
        raise InvalidInput(_("Give the due date as YYYY-MM-DD."), code="invalid_due")
    if due < today:
        raise InvalidInput(_("The due date cannot be in the past."), code="due_in_past")


def _check_owner(*, by: Member, owner: Member) -> None:
    if owner.pk != by.pk and not policies.can_plan_for_others(by):
        raise NotAllowed(_("A Social Creator plans items for themselves."), code="own_items_only")
    if not (owner.is_active and policies.may_own_items(owner)):
        raise InvalidInput(_("An item's owner must be a Social Creator or up."), code="owner_not_allowed")


def check_transition(*, by: Member, current: str, new: str) -> None:
    """Whether ``by`` may move an item from ``current`` to ``new``: shared is final, approved
    follows submitted and shared follows approved; approving, sharing and undoing an
    approval are the reviewers'. Raises InvalidInput (``invalid_transition``) or NotAllowed
    (``reviewers_only``)."""
    if new not in PLAN_ORDER:
        raise InvalidInput(_("Unknown status."), code="invalid_status")
    if current == new:
        return
    if current == PlanStatus.SHARED:
        raise InvalidInput(_("A shared item is done; it does not move any more."), code="invalid_transition")
    if new == PlanStatus.APPROVED and current != PlanStatus.SUBMITTED:
        raise InvalidInput(_("Only a submitted item can be approved."), code="invalid_transition")
    if new == PlanStatus.SHARED and current != PlanStatus.APPROVED:
        raise InvalidInput(_("Only an approved item can be shared."), code="invalid_transition")
    reviewed = policies.REVIEWED_STATUSES
    if (new in reviewed or current in reviewed) and not policies.can_mark_reviewed(by):
        raise NotAllowed(_("Only a Social Editor or Master approves or shares an item."), code="reviewers_only")


def create_item(
    *,
    by: Member,
    title: str,
    owner: Member,
    due: datetime.date,
    message: KeyMessage | None = None,
    department: Department | None = None,
    channel: str = Channel.LINKEDIN,
    status: str = PlanStatus.IDEA,
    notes: str = "",
    calendar_entry: CalendarEntry | None = None,
    challenge_id: int | None = None,
    today: datetime.date | None = None,
) -> tuple[PlanItem, bool]:
    """Add a planned item, owned by ``owner`` (a Creator plans for themselves), in the
    owner's department unless ``department`` says otherwise.

    Locks the owner's row, so a double click adds the item once: the same title, owner, due
    date and origin already planned returns that item. Returns (item, created). Raises
    NotAllowed (not on the board, someone else's item), InvalidInput (empty title, due date
    in the past, owner not a Creator, unknown channel, approved/shared as a start)."""
    policies.check_use_plan(by)
    today = today or timezone.localdate()
    title = (title or "").strip()
    if not title:
        raise InvalidInput(_("Give the item a title."), code="title_required")
    _check_due(due, today=today)
    _check_owner(by=by, owner=owner)
    if channel not in Channel.values:
        raise InvalidInput(_("Unknown channel."), code="invalid_channel")
    if status not in UNFINISHED and status != PlanStatus.SUBMITTED:
        raise InvalidInput(_("A new item starts as an idea, planned or in progress."), code="invalid_status")
    with transaction.atomic():
        lock((Member, owner.pk))  # request.user is a lazy object, not a Member
        existing = PlanItem.objects.filter(
            owner=owner,
            title=title[:200],
            due=due,
            calendar_entry=calendar_entry,
            challenge_id=challenge_id,
        ).first()
        if existing:
            return existing, False
        item = PlanItem.objects.create(
            title=title[:200],
            owner=owner,
            due=due,
            message=message,
            department_id=department.pk if department else owner.department_id,
            channel=channel,
            status=status,
            notes=notes,
            calendar_entry=calendar_entry,
            challenge_id=challenge_id,
            created_by=by,
        )
    return item, True


def update_item(
    *,
    by: Member,
    item: PlanItem,
    status: str | _Unset = UNSET,
    owner: Member | _Unset = UNSET,
    due: datetime.date | _Unset = UNSET,
    today: datetime.date | None = None,
) -> PlanItem:
    """Move an item (``status``), give it to someone else (``owner``) or re-plan it (``due``).

    Locks the item's row and checks against its live values, so two moves at once are
    applied one after the other and a repeated move changes nothing. A new due date makes a
    new reminder due. Returns the item as saved. Raises NotAllowed (not yours, reviewers
    only, Creators give nothing away) and InvalidInput (``invalid_transition``,
    ``due_in_past``, ``owner_not_allowed``)."""
    policies.check_change_item(by, item)
    today = today or timezone.localdate()
    with transaction.atomic():
        lock(item)
        item = PlanItem.objects.get(pk=item.pk)
        changed = []
        if not isinstance(status, _Unset) and status != item.status:
            check_transition(by=by, current=item.status, new=status)
            item.status = status
            changed.append("status")
        if not isinstance(owner, _Unset) and owner.pk != item.owner_id:
            _check_owner(by=by, owner=owner)
            if item.department_id == item.owner.department_id:
                item.department_id = owner.department_id
                changed.append("department")
            item.owner = owner
            changed += ["owner", "reminded_for"]
            item.reminded_for = None
        if not isinstance(due, _Unset) and due != item.due:
            _check_due(due, today=today)
            item.due = due
            changed.append("due")
        if changed:
            item.save(update_fields=[*changed, "updated_at"])
    return item


def plan_from_calendar_entry(*, by: Member, entry: CalendarEntry, owner: Member | None = None) -> tuple[PlanItem, bool]:
    """Plan an item for a content-calendar day: its title, due on the day (today when the day
    has passed), owned by ``owner`` or the planner. Once per entry and owner (a double click
    returns the first). Returns (item, created); raises what ``create_item`` raises."""
    today = timezone.localdate()
    return create_item(
        by=by,
        title=entry.display_title,
        owner=owner or by,
        due=max(entry.starts_on, today),
        notes=entry.suggested_angle,
        calendar_entry=entry,
        status=PlanStatus.PLANNED,
        today=today,
    )


def plan_from_challenge(
    *,
    by: Member,
    challenge_id: int,
    title: str,
    due: datetime.date,
    owners: list[Member],
    message: KeyMessage | None = None,
) -> list[PlanItem]:
    """Plan one item per owner for a challenge (called by ``challenges``, which passes the
    challenge's id, title, closing date and first key message as plain values). Once per
    challenge and owner. Returns the items (new and existing); raises what ``create_item``
    raises."""
    today = timezone.localdate()
    return [
        create_item(
            by=by,
            title=title,
            owner=owner,
            due=max(due, today),
            message=message,
            challenge_id=challenge_id,
            status=PlanStatus.PLANNED,
            today=today,
        )[0]
        for owner in owners
    ]


def link_story(*, item_id: int, story_id: int, owner_id: int) -> bool:
    """Remember the story a planned item became and mark it submitted (called by
    ``challenges`` when the item's owner sends the story in). Locks nothing: one conditional
    update. Returns whether an item was linked; raises nothing."""
    return bool(
        PlanItem.objects.filter(pk=item_id, owner_id=owner_id, story_id__isnull=True)
        .exclude(status__in=[PlanStatus.APPROVED, PlanStatus.SHARED])
        .update(story_id=story_id, status=PlanStatus.SUBMITTED, updated_at=timezone.now())
    )


def follow_story(*, story_id: int, story_status: str) -> bool:
    """Let the planned item of story ``story_id`` follow the story (submitted, approved,
    shared); it only moves forward, so a retried or late call changes nothing. Called by
    ``challenges`` with plain values. Locks nothing: one conditional update. Returns whether
    an item moved; raises nothing."""
    new = STORY_STATUS_TO_PLAN.get(story_status)
    if new is None:
        return False
    earlier = PLAN_ORDER[: PLAN_ORDER.index(new)]
    return bool(
        PlanItem.objects.filter(story_id=story_id, status__in=earlier).update(status=new, updated_at=timezone.now())
    )


def send_due_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind owners of unfinished items due within ``REMIND_DAYS_BEFORE`` days: once per item
    and due date, in the owner's language; the notification's e-mail waits for working hours
    unless the owner wants it sooner (``people.services.notifications``).

    Locks nothing: each reminder is claimed with a conditional update, and the notification's
    dedupe key catches a twin. Returns how many were sent; raises nothing of its own."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = PlanItem.objects.filter(
        status__in=UNFINISHED,
        due__gte=today,
        due__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
        owner__is_active=True,
    ).values_list("pk", "due", "reminded_for")
    sent = 0
    for pk, due_on, reminded_for in list(due):
        if reminded_for == due_on:
            continue
        if not PlanItem.objects.filter(pk=pk, due=due_on).exclude(reminded_for=due_on).update(reminded_for=due_on):
            continue
        item = PlanItem.objects.select_related("owner").get(pk=pk)
        notify(
            member=item.owner,
            kind="plan_item_due",
            title=_("Planned for %(due)s: %(title)s"),
            body=_("Your planned item is due soon. Write it and send it in as a story."),
            url=reverse("strategy:plan_board"),
            params={"title": item.title, "due": item.due.strftime("%d-%m-%Y")},
            dedupe_key=f"plan-due:{item.pk}:{item.due.isoformat()}",
        )
        sent += 1
    return sent
