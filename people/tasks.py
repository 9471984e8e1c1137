"""Celery tasks: thin, safe to run twice; each calls one service."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def send_notification_email(notification_id: int) -> bool:
    return services.send_notification_email(notification_id=notification_id)


@shared_task(acks_late=True)
def send_notification_emails(notification_ids: list[int]) -> int:
    return services.send_notification_emails(notification_ids=notification_ids)


@shared_task(acks_late=True)
def send_due_notification_emails() -> int:
    return services.send_due_notification_emails()


@shared_task(acks_late=True)
def send_invitation(invitation_id: int) -> bool:
    return services.send_invitation(invitation_id=invitation_id)


@shared_task(acks_late=True)
def send_invitation_reminders() -> int:
    return services.send_due_reminders()


@shared_task(acks_late=True)
def send_password_reset(member_id: int) -> bool:
    return services.send_password_reset(member_id=member_id)


@shared_task(acks_late=True)
def send_password_changed(member_id: int) -> bool:
    return services.send_password_changed(member_id=member_id)
