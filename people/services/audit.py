"""The audit trail of admin actions on members (role changes, erasure, exports)."""

from typing import Any

from ..models import AuditLog, Member


def record(*, actor: Member | None, action: str, target: Member | int | None = None, **details: Any) -> AuditLog:
    """Append one line to the audit log and return it. ``details`` must hold ids, codes and
    counts only (no names, no e-mail addresses): the log outlives an erasure.

    Locks nothing (an insert); raises nothing of its own."""
    target_id = target.pk if isinstance(target, Member) else target
    return AuditLog.objects.create(
        actor=actor if actor is not None and actor.pk else None, action=action, target_id=target_id, details=details
    )
