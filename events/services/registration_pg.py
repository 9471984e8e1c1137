"""Registering on PostgreSQL: the session's lock, the count of places and the new registration
in one round trip.

Registrations for one session are handed out one at a time under the session's row lock, so
what happens while the lock is held is paid once per registrant by everyone queued behind:
200 members registering at once for 50 places waited seconds for each other when each
registrant made seven round trips under the lock (each a wait for the database process
and then for the GIL, on a busy machine). Here one message carries every statement:

1. ``lock_timeout`` for the wait (``settings.LOCK_TIMEOUT``; ``Busy`` when it runs out);
2. ``SELECT … FOR UPDATE`` on the session's row, the lock ``register`` always took;
3. ``lock_timeout`` back to its default;
4. an ``INSERT … SELECT`` that counts the places given and the last position in the line
   and inserts the registration when the member may have one: no registration of theirs
   that is not cancelled, the session not cancelled, before the deadline, and a place free
   or a waiting list.

Each statement of a message gets a fresh snapshot (READ COMMITTED), so the count in 4. sees
every registration committed before the lock was granted: the same guarantee as a separate
query after ``lock()``. Once the lock is granted the database does the rest without waiting
for this process; the transaction's ``COMMIT`` is the one round trip left under the lock.

When 4. inserts nothing, ``register`` reads the session again (still under the lock) to say
why, exactly as the portable path does. The message needs client-side binding (Django's
default for psycopg: several statements in one ``execute``)."""

import datetime

from django.conf import settings
from django.db import OperationalError, connection

from core.errors import Busy
from core.locking import LOCK_NOT_AVAILABLE
from people.models import Member

from ..models import Registration, SessionPage

# Computed by the statement; every other column comes from a new Registration's defaults.
_COMPUTED = ("id", "status", "position", "created_at")


def _statement(columns: list[str]) -> str:
    session_table = SessionPage._meta.db_table
    session_pk = SessionPage._meta.pk.column
    table = Registration._meta.db_table
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    values = ", ".join(["%s"] * len(columns))
    return f"""
SELECT set_config('lock_timeout', %s, true);
SELECT 1 FROM {session_table} WHERE {session_pk} = %s FOR UPDATE;
SET LOCAL lock_timeout TO DEFAULT;
WITH live AS (
    SELECT capacity, waiting_list FROM {session_table}
    WHERE {session_pk} = %s AND NOT cancelled AND COALESCE(registration_deadline, starts_at) > %s
), line AS (
    SELECT count(*) FILTER (WHERE status = %s) AS taken,
           COALESCE(max(position), 0) AS last,
           COALESCE(bool_or(member_id = %s AND status <> %s), false) AS mine
    FROM {table} WHERE session_id = %s
)
INSERT INTO {table} (status, position, created_at, {quoted})
SELECT CASE WHEN line.taken < live.capacity THEN %s ELSE %s END, line.last + 1, clock_timestamp(), {values}
FROM live, line
WHERE NOT line.mine AND (line.taken < live.capacity OR live.waiting_list)
RETURNING id, status, position, created_at"""  # noqa: S608 (names come from the models, values are parameters)


def lock_and_place(*, member: Member, session_id: int, now: datetime.datetime, busy_message) -> Registration | None:
    """Inside the caller's transaction: lock the session's row and, when the member may have
    a place or a place on the waiting list, insert their registration (position and
    ``created_at`` given after the lock was granted).

    Locks the session's row until the transaction ends. Returns the new registration, or
    None when none was inserted (already registered, closed, or full without a waiting
    list: the caller reads why). Raises ``Busy`` when the lock cannot be had within
    ``settings.LOCK_TIMEOUT`` (with ``busy_message``)."""
    Status = Registration.Status
    registration = Registration(session_id=session_id, member=member)
    fields = [f for f in Registration._meta.concrete_fields if f.column not in _COMPUTED]
    values = [f.get_db_prep_save(getattr(registration, f.attname), connection) for f in fields]
    params = [
        getattr(settings, "LOCK_TIMEOUT", "5s"),
        session_id,
        session_id,
        now,
        Status.REGISTERED,
        member.pk,
        Status.CANCELLED,
        session_id,
        Status.REGISTERED,
        Status.WAITLISTED,
        *values,
    ]
    try:
        with connection.cursor() as cursor:
            cursor.execute(_statement([f.column for f in fields]), params)
            while cursor.nextset():  # the INSERT's rows come last
                pass
            row = cursor.fetchone()
    except OperationalError as exc:
        if getattr(exc.__cause__, "sqlstate", None) == LOCK_NOT_AVAILABLE:
            raise Busy(busy_message) from exc
        raise
    if row is None:
        return None
    registration.pk, registration.status, registration.position, registration.created_at = row
    registration._state.adding = False
    registration._state.db = connection.alias
    return registration
