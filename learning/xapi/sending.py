"""Posting the outbox to the organisation's LRS: ``POST {XAPI_LRS_ENDPOINT}/statements`` with
Basic auth and ``X-Experience-API-Version: 1.0.3``, in batches.

Never twice: a sender first claims a batch (a conditional UPDATE with a token of its own, so
two workers, or a task that runs again, never post the same rows at once), and a statement
the LRS took is marked sent and never posted again. Should a worker die between the LRS's
answer and the mark, the next send posts statements with the same ids and the same content,
which a conformant LRS takes as a no-op.

Nothing lost: when the LRS does not answer, answers 5xx, 429, 408 or refuses the credentials
(401/403: fixed by an administrator, then the statements go), the batch is kept and tried
again after a back-off that doubles from 30 seconds to at most an hour
(``learning.tasks.send_xapi_statements`` runs every minute and takes what is due). When it
refuses a batch for its content (400, 409, 413), the statements are sent one by one, so one
bad statement does not hold back the others; one it refuses on its own is marked rejected,
with the LRS's answer, and not sent again."""

import datetime
import logging
import uuid
from dataclasses import dataclass

import requests
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from ..models import XapiStatement
from .outbox import configured

logger = logging.getLogger(__name__)

BATCH_SIZE = 50
MAX_BATCHES = 20
CLAIM_FOR = datetime.timedelta(minutes=5)
TIMEOUT = (5.0, 10.0)  # connect, read (seconds)
FIRST_BACK_OFF = datetime.timedelta(seconds=30)
LONGEST_BACK_OFF = datetime.timedelta(hours=1)
# Answers that say "later" rather than "never": the batch is kept for another try.
TRY_AGAIN = {401, 403, 408, 425, 429}


@dataclass
class SendReport:
    sent: int = 0
    rejected: int = 0
    deferred: int = 0


def back_off(attempts: int) -> datetime.timedelta:
    """How long to wait after the ``attempts``-th failed try: 30 s, 1 min, 2 min, … 1 hour."""
    return min(FIRST_BACK_OFF * (2 ** max(attempts - 1, 0)), LONGEST_BACK_OFF)


def _due(now: datetime.datetime) -> Q:
    return Q(sent_at__isnull=True, rejected_at__isnull=True, next_attempt_at__lte=now) & (
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    )


def _claim(now: datetime.datetime, batch_size: int) -> tuple[uuid.UUID, list[XapiStatement]]:
    token = uuid.uuid4()
    due = list(XapiStatement.objects.filter(_due(now)).order_by("created_at").values_list("pk", flat=True)[:batch_size])
    if not due:
        return token, []
    XapiStatement.objects.filter(_due(now), pk__in=due).update(claim=token, claimed_until=now + CLAIM_FOR)
    return token, list(XapiStatement.objects.filter(claim=token).order_by("created_at", "pk"))


def _post(statements: list[dict]) -> requests.Response:
    return requests.post(
        settings.XAPI_LRS_ENDPOINT.rstrip("/") + "/statements",
        json=statements,
        auth=(settings.XAPI_LRS_KEY, settings.XAPI_LRS_SECRET),
        headers={"X-Experience-API-Version": "1.0.3"},
        timeout=TIMEOUT,
    )


def _release(rows: list[XapiStatement], token: uuid.UUID, **fields) -> None:
    XapiStatement.objects.filter(pk__in=[row.pk for row in rows], claim=token).update(
        claim=None, claimed_until=None, **fields
    )


def _defer(rows: list[XapiStatement], token: uuid.UUID, error: str, now: datetime.datetime) -> None:
    for row in rows:
        attempts = row.attempts + 1
        XapiStatement.objects.filter(pk=row.pk, claim=token).update(
            claim=None,
            claimed_until=None,
            attempts=attempts,
            next_attempt_at=now + back_off(attempts),
            last_error=error[:500],
        )


def _send(rows: list[XapiStatement], token: uuid.UUID, report: SendReport) -> bool:
    """Post ``rows``; False when the LRS asked to try again later (the rest of the run stops)."""
    now = timezone.now()
    try:
        response = _post([row.statement for row in rows])
    except requests.RequestException as error:
        _defer(rows, token, f"{type(error).__name__}: {error}", now)
        report.deferred += len(rows)
        logger.warning("xAPI: the LRS did not answer (%s); %d statements kept", type(error).__name__, len(rows))
        return False
    if 200 <= response.status_code < 300:
        _release(rows, token, sent_at=now, last_error="")
        report.sent += len(rows)
        return True
    error = f"{response.status_code}: {response.text[:400]}"
    if response.status_code >= 500 or response.status_code in TRY_AGAIN:
        _defer(rows, token, error, now)
        report.deferred += len(rows)
        logger.warning("xAPI: the LRS answered %d; %d statements kept", response.status_code, len(rows))
        return False
    if len(rows) > 1:
        for row in rows:
            if not _send([row], token, report):
                # The rows sent or rejected one by one are no longer claimed: only the rest wait.
                _defer(rows, token, error, now)
                return False
        return True
    _release(rows, token, rejected_at=now, last_error=error[:500])
    report.rejected += 1
    logger.error("xAPI: the LRS refused statement %s (%s)", rows[0].pk, error[:200])
    return True


def send_due(*, batch_size: int = BATCH_SIZE, max_batches: int = MAX_BATCHES) -> SendReport:
    """Send what is due, oldest first, at most ``max_batches`` batches of ``batch_size``; stop
    at the first batch the LRS asks to keep for later. Safe to run twice at once.

    Locks nothing (claims rows with a conditional update). Returns how many statements were
    sent, rejected and kept for later. Raises nothing for an LRS that is down; does nothing
    when no LRS is connected."""
    report = SendReport()
    if not configured():
        return report
    for _batch in range(max_batches):
        token, rows = _claim(timezone.now(), batch_size)
        if not rows or not _send(rows, token, report):
            break
    return report
