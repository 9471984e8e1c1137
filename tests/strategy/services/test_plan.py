import datetime

import pytest
from django.utils import timezone

from core.errors import InvalidInput, NotAllowed
from people.models import Notification, Role
from strategy.models import PlanItem, PlanStatus
from strategy.services import plan
from tests.factories import DepartmentFactory, MemberFactory
from tests.strategy.factories import CalendarEntryFactory, KeyMessageFactory, PlanItemFactory

pytestmark = pytest.mark.django_db


def soon(days=5):
    return timezone.localdate() + datetime.timedelta(days=days)


def test_a_creator_plans_an_item_in_their_department():
    creator = MemberFactory(role=Role.CREATOR)
    message = KeyMessageFactory()
    item, created = plan.create_item(by=creator, title=" Vacature delen ", owner=creator, due=soon(), message=message)
    assert created
    assert (item.title, item.department_id, item.status, item.message) == (
        "Vacature delen",
        creator.department_id,
        PlanStatus.IDEA,
        message,
    )


def test_a_double_click_plans_once():
    creator = MemberFactory(role=Role.CREATOR)
    first, _ = plan.create_item(by=creator, title="Beurs", owner=creator, due=soon())
    second, created = plan.create_item(by=creator, title="Beurs", owner=creator, due=soon())
    assert (second.pk, created) == (first.pk, False)
    assert PlanItem.objects.count() == 1


def test_an_ambassador_has_no_plan():
    ambassador = MemberFactory(role=Role.AMBASSADOR)
    with pytest.raises(NotAllowed):
        plan.create_item(by=ambassador, title="x", owner=ambassador, due=soon())


def test_a_creator_plans_for_themselves_only():
    creator, other = MemberFactory(role=Role.CREATOR), MemberFactory(role=Role.CREATOR)
    with pytest.raises(NotAllowed) as refused:
        plan.create_item(by=creator, title="x", owner=other, due=soon())
    assert refused.value.code == "own_items_only"


def test_a_master_gives_an_item_to_a_creator_but_not_to_an_ambassador():
    master = MemberFactory(role=Role.MASTER)
    creator, ambassador = MemberFactory(role=Role.CREATOR), MemberFactory(role=Role.AMBASSADOR)
    item, _ = plan.create_item(by=master, title="x", owner=creator, due=soon())
    assert item.owner == creator
    with pytest.raises(InvalidInput) as refused:
        plan.create_item(by=master, title="y", owner=ambassador, due=soon())
    assert refused.value.code == "owner_not_allowed"


def test_a_due_date_in_the_past_is_refused():
    creator = MemberFactory(role=Role.CREATOR)
    with pytest.raises(InvalidInput) as refused:
        plan.create_item(by=creator, title="x", owner=creator, due=soon(-1))
    assert refused.value.code == "due_in_past"
    item = PlanItemFactory(owner=creator)
    with pytest.raises(InvalidInput):
        plan.update_item(by=creator, item=item, due=soon(-1))


def test_an_item_moves_along_and_back():
    item = PlanItemFactory()
    creator = item.owner
    assert plan.update_item(by=creator, item=item, status=PlanStatus.IN_PROGRESS).status == PlanStatus.IN_PROGRESS
    assert plan.update_item(by=creator, item=item, status=PlanStatus.SUBMITTED).status == PlanStatus.SUBMITTED
    assert plan.update_item(by=creator, item=item, status=PlanStatus.IDEA).status == PlanStatus.IDEA


@pytest.mark.parametrize(
    ("current", "new", "code"),
    [
        (PlanStatus.PLANNED, PlanStatus.APPROVED, "invalid_transition"),
        (PlanStatus.SUBMITTED, PlanStatus.SHARED, "invalid_transition"),
        (PlanStatus.SHARED, PlanStatus.APPROVED, "invalid_transition"),
        (PlanStatus.PLANNED, "published", "invalid_status"),
    ],
)
def test_bad_transitions_are_refused(current, new, code):
    item = PlanItemFactory(status=current)
    editor = MemberFactory(role=Role.EDITOR)
    with pytest.raises(InvalidInput) as refused:
        plan.update_item(by=editor, item=item, status=new)
    assert refused.value.code == code
    item.refresh_from_db()
    assert item.status == current


def test_approving_is_for_reviewers():
    item = PlanItemFactory(status=PlanStatus.SUBMITTED)
    with pytest.raises(NotAllowed) as refused:
        plan.update_item(by=item.owner, item=item, status=PlanStatus.APPROVED)
    assert refused.value.code == "reviewers_only"
    editor = MemberFactory(role=Role.EDITOR)
    assert plan.update_item(by=editor, item=item, status=PlanStatus.APPROVED).status == PlanStatus.APPROVED


def test_a_creator_cannot_move_someone_elses_item():
    item = PlanItemFactory()
    with pytest.raises(NotAllowed):
        plan.update_item(by=MemberFactory(role=Role.CREATOR), item=item, status=PlanStatus.IN_PROGRESS)


def test_an_activator_changes_their_own_departments_items_only():
    department = DepartmentFactory()
    activator = MemberFactory(role=Role.ACTIVATOR, department=department)
    ours = PlanItemFactory(owner=MemberFactory(role=Role.CREATOR, department=department))
    theirs = PlanItemFactory()
    assert plan.update_item(by=activator, item=ours, status=PlanStatus.IN_PROGRESS).status == PlanStatus.IN_PROGRESS
    with pytest.raises(NotAllowed):
        plan.update_item(by=activator, item=theirs, status=PlanStatus.IN_PROGRESS)


def test_a_new_owner_brings_their_department_and_a_new_reminder():
    item = PlanItemFactory(reminded_for=soon())
    other = MemberFactory(role=Role.CREATOR)
    moved = plan.update_item(by=MemberFactory(role=Role.MASTER), item=item, owner=other)
    assert (moved.owner, moved.department_id, moved.reminded_for) == (other, other.department_id, None)


def test_planning_from_a_calendar_entry_is_once_per_entry_and_owner():
    master = MemberFactory(role=Role.MASTER)
    entry = CalendarEntryFactory(title="Dag van de Zorg", suggested_angle="Laat zien wie er zorgt")
    item, created = plan.plan_from_calendar_entry(by=master, entry=entry)
    again, created_again = plan.plan_from_calendar_entry(by=master, entry=entry)
    assert created and not created_again and again.pk == item.pk
    assert (item.calendar_entry, item.due, item.status, item.notes) == (
        entry,
        entry.starts_on,
        PlanStatus.PLANNED,
        "Laat zien wie er zorgt",
    )


def test_planning_from_a_challenge_gives_each_owner_an_item_once():
    master = MemberFactory(role=Role.MASTER)
    owners = [MemberFactory(role=Role.CREATOR), MemberFactory(role=Role.CREATOR)]
    items = plan.plan_from_challenge(by=master, challenge_id=7, title="Deel een succes", due=soon(), owners=owners)
    plan.plan_from_challenge(by=master, challenge_id=7, title="Deel een succes", due=soon(), owners=owners)
    assert sorted(i.owner_id for i in items) == sorted(o.pk for o in owners)
    assert PlanItem.objects.filter(challenge_id=7).count() == 2


def test_the_item_follows_its_story_forward_only():
    item = PlanItemFactory(status=PlanStatus.IN_PROGRESS)
    assert plan.link_story(item_id=item.pk, story_id=41, owner_id=item.owner_id)
    item.refresh_from_db()
    assert (item.story_id, item.status) == (41, PlanStatus.SUBMITTED)
    assert plan.follow_story(story_id=41, story_status="shared")
    assert not plan.follow_story(story_id=41, story_status="approved")
    item.refresh_from_db()
    assert item.status == PlanStatus.SHARED


def test_only_the_owner_links_a_story():
    item = PlanItemFactory()
    assert not plan.link_story(item_id=item.pk, story_id=5, owner_id=MemberFactory().pk)


def test_owners_are_reminded_once_per_item_and_due_date_in_their_language():
    owner = MemberFactory(role=Role.CREATOR, language="nl")
    item = PlanItemFactory(owner=owner, due=soon(1), title="Beursverhaal")
    PlanItemFactory(due=soon(10))  # not due yet
    PlanItemFactory(due=soon(1), status=PlanStatus.SUBMITTED)  # done already
    assert plan.send_due_reminders() == 1
    assert plan.send_due_reminders() == 0
    note = Notification.objects.get(member=owner, kind="plan_item_due")
    assert "Beursverhaal" in note.title and note.title.startswith("Gepland")
    plan.update_item(by=owner, item=item, due=soon(2))
    assert plan.send_due_reminders() == 1
