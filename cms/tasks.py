"""Celery tasks of the site shell: thin, safe to run twice."""

from celery import shared_task

from cms.reports import services as report_services


@shared_task(acks_late=True)
def build_report_export(export_id: int) -> bool:
    return report_services.build_export(export_id=export_id)


@shared_task(ignore_result=True)
def record_worker_heartbeat() -> None:
    """Scheduled every minute by beat: that it runs at all shows a worker and beat alive."""
    from cms.services.heartbeat import record_worker_heartbeat as record

    record()


@shared_task(acks_late=True)
def delete_expired_report_exports() -> int:
    return report_services.delete_expired_exports()


@shared_task(acks_late=True)
def send_monthly_summaries() -> int:
    """Last month's management summary to its subscribers, once per member and month."""
    return report_services.send_monthly_summaries()
