"""A member's Social Shift role, the HR flag and the Django groups that follow from them."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from core.locking import lock

from ..models import ROLE_RANK, AuditAction, Member, Role
from ..roles import ALL_ROLE_GROUPS, groups_for
from .audit import record


@transaction.atomic
def set_role(*, member: Member, role: str, is_hr: bool | None = None, by: Member | None = None) -> Member:
    """Give ``member`` a role (and optionally the HR flag) and the groups that go with it.
    A change made by a person (``by``) goes into the audit log.

    Locks nothing (callers that read-then-decide, like ``promote``, lock first). Returns the
    member, changed in place. Raises ``ValueError`` for a role that does not exist (a
    programming error: forms only offer real ones)."""
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}")
    changed = member.role != role
    hr_changed = is_hr is not None and is_hr != member.is_hr
    member.role = role
    if is_hr is not None:
        member.is_hr = is_hr
    if changed:
        member.role_changed_at = timezone.now()
    member.save(update_fields=["role", "is_hr", "role_changed_at"])
    sync_groups(member=member)
    if by is not None and (changed or hr_changed):
        record(actor=by, action=AuditAction.ROLE_CHANGED, target=member, role=role, is_hr=member.is_hr)
    return member


def sync_groups(*, member: Member) -> None:
    """Put the member in exactly the role groups their role and HR flag call for; groups
    outside the role scheme are left alone. Locks nothing; returns nothing; idempotent."""
    wanted = set(groups_for(role=member.role, is_hr=member.is_hr))
    role_groups = Group.objects.filter(name__in=ALL_ROLE_GROUPS)
    member.groups.remove(*[g for g in role_groups if g.name not in wanted])
    member.groups.add(*[g for g in role_groups if g.name in wanted])


def promote(*, member: Member, to_role: str) -> bool:
    """Move ``member`` up to ``to_role`` unless they already hold that role or a higher one.

    Locks the member row, so that two promotions at the same moment (two courses finishing
    a path in parallel requests) promote once. Returns whether anything changed. Raises
    ``Busy`` when the row stays locked too long."""
    with transaction.atomic():
        lock(member)
        live = Member.objects.get(pk=member.pk)
        if ROLE_RANK[Role(live.role)] >= ROLE_RANK[Role(to_role)]:
            return False
        set_role(member=live, role=to_role)
    member.refresh_from_db(fields=["role", "role_changed_at"])
    return True
