"""Who may do what with the content plan and the 6 C's self-scan: one place the pages, the
API and the services ask.

- the planning board (see and add items): Social Creators and up (Creators, Editors,
  Activators, Masters); Social Ambassadors have no board: they are not the ones who write;
- change an item (move, edit, re-plan): Masters and Editors any item; Activators the items of
  their own department; Creators the items they own or created;
- move an item to "approved" or "shared" by hand: only who reviews (Masters, Editors); the
  story's own review moves it there too (``services.plan.follow_story``);
- own an item: a Creator or up (reminders go to them);
- the 6 C's self-scan: every member, once per quarter;
- the 6 C's report: HR and Masters for everyone, an Activator for their own department;
- acting on a weak C (a course suggestion, action items on a meetup): the Social Master;
- "Onze strategie" (goals, key messages, audiences): every signed-in member, no policy.
"""

from django.utils.translation import gettext_lazy as _

from core.errors import NotAllowed
from people import policies as people_policies
from people.models import ROLE_RANK, Member, Role

from .models import PlanItem, PlanStatus

REVIEWED_STATUSES = {PlanStatus.APPROVED, PlanStatus.SHARED}


def _signed_in(member) -> bool:
    return bool(member is not None and member.is_authenticated and member.is_active)


def is_creator_or_up(member) -> bool:
    return _signed_in(member) and (
        member.is_superuser or ROLE_RANK.get(Role(member.role), 0) >= ROLE_RANK[Role.CREATOR]
    )


def can_use_plan(member) -> bool:
    """The planning board: Social Creators and up."""
    return is_creator_or_up(member)


def check_use_plan(member) -> None:
    if not can_use_plan(member):
        raise NotAllowed(_("The content plan is for Social Creators, Editors, Activators and Masters."))


def can_plan_for_others(member) -> bool:
    """Give an item to someone else: everyone on the board but Creators."""
    return can_use_plan(member) and (member.is_superuser or member.role != Role.CREATOR)


def can_change_item(member, item: PlanItem) -> bool:
    if not can_use_plan(member):
        return False
    if member.is_superuser or member.is_master or member.is_editor:
        return True
    if member.is_activator and member.department_id and item.department_id == member.department_id:
        return True
    return member.pk in (item.owner_id, item.created_by_id)


def check_change_item(member, item: PlanItem) -> None:
    if not can_change_item(member, item):
        raise NotAllowed(_("You may only change your own planned items."), code="not_your_item")


def can_mark_reviewed(member) -> bool:
    """Moving an item to approved or shared by hand is the reviewer's step."""
    return _signed_in(member) and bool(member.is_superuser or member.is_master or member.is_editor)


def may_own_items(owner: Member) -> bool:
    return is_creator_or_up(owner)


def can_answer_six_cs(member) -> bool:
    return _signed_in(member)


def can_see_six_cs_report(member) -> bool:
    """The same people as the participation reports: HR, Masters, Activators (own department)."""
    return people_policies.can_see_reports(member)


def six_cs_report_department(member) -> int | None:
    """The one department ``member`` sees, or None for the organisation."""
    return people_policies.report_department(member)


def can_act_on_six_cs(member) -> bool:
    """Turning a weak C into a course suggestion or meetup action items: the Social Master."""
    return _signed_in(member) and bool(member.is_superuser or member.is_master)
