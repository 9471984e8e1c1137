"""Celery tasks: thin wrappers around the services, safe to run twice."""

from celery import shared_task

from .services import plan


@shared_task(acks_late=True)
def send_plan_reminders() -> int:
    """Remind owners of planned items due soon (hourly, by beat; once per item and due date)."""
    return plan.send_due_reminders()
