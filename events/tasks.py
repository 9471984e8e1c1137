"""Celery tasks: thin wrappers around the services, safe to run twice."""

from celery import shared_task

from .services import reminders


@shared_task(acks_late=True)
def send_session_reminders() -> int:
    """The 24-hour and 1-hour reminders that are due (every five minutes, by beat)."""
    return reminders.send_reminders()
