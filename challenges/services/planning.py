"""A challenge spawns planned items in the content plan (``strategy``): one per Social
Creator of the challenge's department, or one for the planner when the challenge is for
everyone; the strategy service keeps the challenge's id as a plain number."""

from django.utils import timezone

from people.models import ROLE_RANK, Member, Role
from strategy.models import PlanItem
from strategy.services import plan as strategy_plan

from .. import policies
from ..models import Challenge


def plan_challenge(*, by: Member, challenge: Challenge) -> tuple[list[PlanItem], int]:
    """Plan items for ``challenge``, due the day it closes (in Amsterdam time), serving its
    first key message. Once per challenge and owner: a second click adds nothing.

    Locks each owner's row in turn (``strategy.services.plan.create_item``). Returns (the
    items, how many are new). Raises NotAllowed (not managing this challenge) and what
    ``create_item`` raises."""
    policies.check_manage_challenge(by, challenge)
    if challenge.department_id:
        roles = [role for role, rank in ROLE_RANK.items() if rank >= ROLE_RANK[Role.CREATOR]]
        owners = list(
            Member.objects.filter(department_id=challenge.department_id, is_active=True, role__in=roles).order_by("pk")
        ) or [by]
    else:
        owners = [by]
    before = PlanItem.objects.filter(challenge_id=challenge.pk).count()
    items = strategy_plan.plan_from_challenge(
        by=by,
        challenge_id=challenge.pk,
        title=challenge.title,
        due=timezone.localdate(challenge.closes_at),
        owners=owners,
        message=challenge.messages.order_by("pk").first(),
    )
    return items, PlanItem.objects.filter(challenge_id=challenge.pk).count() - before
