"""Writing statements into the outbox (``learning.models.XapiStatement``) and forgetting a
member's unsent ones."""

import datetime
import hashlib
import json
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.queue import enqueue

from ..models import XapiStatement
from .statements import Activity, actor, build, statement_id

SEND_TASK = "learning.tasks.send_xapi_statements"


def configured() -> bool:
    """Whether the organisation connected an LRS (all three settings set)."""
    return bool(settings.XAPI_LRS_ENDPOINT and settings.XAPI_LRS_KEY and settings.XAPI_LRS_SECRET)


def record(
    *,
    event: str,
    member,
    verb: str,
    activity: Activity,
    occurred_at: datetime.datetime | None = None,
    result: dict | None = None,
    parent: Activity | None = None,
) -> XapiStatement | None:
    """Put the statement of ``event`` in the outbox, inside the caller's transaction, and
    send it once that commits (a rolled-back event sends nothing). Recording the same event
    again returns the stored statement unchanged: its id is derived from ``event``.

    Locks nothing (the primary key decides). Returns the row, or None when no LRS is
    connected or the member may no longer be named (erased). Raises nothing of its own; a
    broker that is down is logged, and the periodic sweep sends the statement later."""
    if not configured():
        return None
    statement = build(
        event=event,
        member=member,
        verb=verb,
        activity=activity,
        timestamp=occurred_at or timezone.now(),
        result=result,
        parent=parent,
    )
    if statement is None:
        return None
    with transaction.atomic():
        row, created = XapiStatement.objects.get_or_create(
            id=statement_id(event), defaults={"statement": statement, "member": member}
        )
    if created:
        enqueue(SEND_TASK, robust=True)
    return row


def received_statement_id(*, statement: dict, launch_key: str) -> uuid.UUID:
    """The id of a statement a package (a cmi5 AU) sent: its own when it carries a valid one,
    else one derived from the launch and the statement's content, so an AU that sends the same
    statement again (a retried request) gets the same id and the LRS does not hear it twice."""
    try:
        return uuid.UUID(str(statement["id"]))
    except (KeyError, ValueError, TypeError, AttributeError):
        digest = hashlib.sha256(json.dumps(statement, sort_keys=True, default=str).encode()).hexdigest()
        return statement_id(f"received:{launch_key}:{digest}")


def forward(*, statement: dict, member) -> XapiStatement | None:
    """Put a statement written by a package (a cmi5 AU, already checked to name ``member``,
    its registration and activity) in the outbox as it is, for the organisation's LRS. Its
    ``id`` must be set (``received_statement_id``); forwarding the same id again stores nothing.

    Locks nothing. Returns the row, or None when no LRS is connected or the member is erased.
    Raises nothing of its own."""
    if not configured() or actor(member) is None:
        return None
    with transaction.atomic():
        row, created = XapiStatement.objects.get_or_create(
            id=uuid.UUID(str(statement["id"])), defaults={"statement": statement, "member": member}
        )
    if created:
        enqueue(SEND_TASK, robust=True)
    return row


def forget_member(*, member) -> int:
    """Delete the statements that name ``member`` and were not sent yet (erasure: an erased
    member is named in no statement that leaves after it). Returns how many."""
    deleted, _per_model = XapiStatement.objects.filter(member=member, sent_at__isnull=True).delete()
    return deleted
