"""Celery tasks: thin wrappers around the services, safe to run twice."""

from celery import shared_task


@shared_task(acks_late=True)
def open_and_close_challenges() -> list[int]:
    """Open scheduled challenges whose time has come; close the ones that are over."""
    from . import services

    return list(services.open_and_close_due())


@shared_task(acks_late=True)
def send_weekly_digests() -> int:
    from . import services

    return services.send_weekly_digests()


@shared_task(acks_late=True)
def delete_old_share_clicks() -> int:
    from . import services

    return services.delete_old_clicks()
