"""Adding members to and removing them from the pilot group, within its limit. What the
group looks like is read in ``people.selectors.pilot``."""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.errors import NotAllowed
from core.locking import lock

from .. import policies
from ..errors import PilotFull
from ..models import AuditAction, Member
from ..selectors.pilot import candidates
from .audit import record


def change_pilot(*, add: Iterable[int] = (), remove: Iterable[int] = (), by: Member, limit: int) -> int:
    """Add and remove members; refuses (and changes nothing) beyond ``limit``.

    Locks the rows of the current pilot members and of those being added or removed, so
    two Masters changing the group at the same moment are serialised and the second one
    counts the first one's additions. The limit is organisation-wide, also for a Social
    Activator, who adds and removes members of their own department only
    (``policies.can_change_pilot_membership``). Returns the new pilot size. Raises
    ``NotAllowed`` (403) if ``by`` may not build the pilot or names someone outside their
    department, ``PilotFull`` (409) beyond the limit and ``Busy`` when rows stay locked too
    long."""
    if not policies.can_build_pilot(by):
        raise NotAllowed(_("Only a Social Master, or a Social Activator for their own department, builds the pilot."))
    add, remove = sorted(set(add)), sorted(set(remove))
    scope = policies.programme_department(by)
    with transaction.atomic():
        current = list(Member.objects.filter(in_pilot=True).values_list("pk", flat=True))
        lock(*[(Member, pk) for pk in {*current, *add, *remove}])
        if scope is not None and Member.objects.filter(pk__in=[*add, *remove]).exclude(department_id=scope).exists():
            raise NotAllowed(_("You may only add or remove members of your own department."))
        added = candidates().filter(pk__in=add, in_pilot=False).update(in_pilot=True) if add else 0
        removed = Member.objects.filter(pk__in=remove, in_pilot=True).update(in_pilot=False) if remove else 0
        size = Member.objects.filter(in_pilot=True).count()
        if size > limit:
            raise PilotFull(
                _("The pilot group is limited to %(limit)s members; remove someone first.") % {"limit": limit}
            )
        if added or removed:
            record(actor=by, action=AuditAction.PILOT_CHANGED, added=add[:200], removed=remove[:200])
    return size
