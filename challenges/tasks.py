"""Celery tasks: thin entry points that call a service, each safe to run twice. The service
is imported in the task body (docs/architecture.md), so loading the task registry at
worker start never imports the services' graph."""

from celery import shared_task


@shared_task(acks_late=True)
def open_and_close_challenges() -> list[int]:
    """Open scheduled challenges whose time has come; close the ones that are over."""
    from challenges.services.challenges import open_and_close_due

    return list(open_and_close_due())


@shared_task(acks_late=True)
def send_weekly_digests() -> int:
    from challenges.services.digest import send_weekly_digests

    return send_weekly_digests()


@shared_task(acks_late=True)
def delete_old_share_clicks() -> int:
    from challenges.services.sharing import delete_old_clicks

    return delete_old_clicks()


@shared_task(acks_late=True)
def nudge_managers(link_id: int) -> int:
    """Ask the sharer's managers to react (one nudge per manager and link, however often it runs)."""
    from challenges.services.nudges import nudge_managers

    return nudge_managers(link_id=link_id)
