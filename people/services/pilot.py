"""Adding members to and removing them from the pilot group, within its limit. What the
group looks like is read in ``people.selectors.pilot``."""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.locking import lock

from ..errors import PilotFull
from ..models import AuditAction, Member
from ..selectors.pilot import candidates
from .audit import record


def change_pilot(*, add: Iterable[int] = (), remove: Iterable[int] = (), by: Member, limit: int) -> int:
    """Add and remove members; refuses (and changes nothing) beyond ``limit``.

    Locks the rows of the current pilot members and of those being added or removed, so
    two Masters changing the group at the same moment are serialised and the second one
    counts the first one's additions. Returns the new pilot size. Raises ``PilotFull``
    (409) beyond the limit and ``Busy`` when rows stay locked too long. Ask
    ``policies.can_build_pilot`` first."""
    add, remove = sorted(set(add)), sorted(set(remove))
    with transaction.atomic():
        current = list(Member.objects.filter(in_pilot=True).values_list("pk", flat=True))
        lock(*[(Member, pk) for pk in {*current, *add, *remove}])
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
