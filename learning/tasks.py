from celery import shared_task

from .sessions import services as session_services


@shared_task(acks_late=True)
def send_session_reminders() -> int:
    return session_services.send_reminders()
