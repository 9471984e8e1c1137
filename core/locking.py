"""One way to lock rows, in the style of pretix's ``base/services/locking.py``.

``lock(*objects)`` locks the rows of the given model instances (or ``(model, pk)`` pairs) for the
rest of the current transaction, always in the same order (model label, then primary key) so
two services that lock the same rows never deadlock. On PostgreSQL a short ``lock_timeout`` is
set for the wait and reset afterwards; a wait that runs out becomes ``Busy`` (503 "try again"),
never a hung request. SQLite locks the whole database on the first write, so the
``SELECT … FOR UPDATE`` is a no-op there and nothing can time out."""

from collections.abc import Iterable

from django.conf import settings
from django.db import OperationalError, connection, models, transaction
from django.utils.translation import gettext_lazy as _

from core.errors import Busy

LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for lock_timeout


def _targets(objects: Iterable) -> list[tuple[type[models.Model], object]]:
    pairs = []
    for obj in objects:
        if isinstance(obj, tuple):
            model, pk = obj
        else:
            # __class__, not type(): request.user is a lazy proxy for the member.
            model, pk = obj.__class__, obj.pk
        pairs.append((model._meta.concrete_model, pk))
    return sorted(set(pairs), key=lambda pair: (pair[0]._meta.label, pair[1]))


def lock(*objects, timeout: str | None = None, message=None) -> None:
    """Lock the rows of ``objects`` (model instances or ``(Model, pk)`` pairs) until the
    surrounding transaction ends.

    Must run inside ``transaction.atomic()`` (raises ``TransactionManagementError``
    otherwise). Locks in a fixed order (model label, primary key). Raises ``Busy`` with
    ``message`` when PostgreSQL's lock timeout (``timeout``, default ``settings.LOCK_TIMEOUT``)
    runs out. Returns nothing: read the live values after locking."""
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("lock() needs a transaction")
    targets = _targets(objects)
    if not targets:
        return
    postgres = connection.vendor == "postgresql"
    if postgres:
        wait = timeout or getattr(settings, "LOCK_TIMEOUT", "5s")
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [wait])
    try:
        for model, pk in targets:
            list(model._base_manager.select_for_update(of=("self",)).filter(pk=pk).values_list("pk", flat=True))
    except OperationalError as exc:
        if getattr(getattr(exc, "__cause__", None), "sqlstate", None) == LOCK_NOT_AVAILABLE:
            raise Busy(message or _("Many people are doing this right now. Please try again in a moment.")) from exc
        raise
    if postgres:
        # The short wait is for taking these locks only; later statements wait as usual.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout TO DEFAULT")
