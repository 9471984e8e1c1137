"""Celery tasks: thin wrappers around the services, safe to run twice."""

from celery import shared_task


@shared_task(acks_late=True)
def send_xapi_statements() -> dict:
    """Send the xAPI statements that are due to the organisation's LRS (after the commit of
    each learning event, and every minute by beat for those kept after a failed try)."""
    from .xapi import sending

    report = sending.send_due()
    return {"sent": report.sent, "rejected": report.rejected, "deferred": report.deferred}
