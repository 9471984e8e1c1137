from celery import shared_task


@shared_task(acks_late=True)
def build_report_export(export_id: int) -> bool:
    from cms.reports import exports

    return exports.build_export(export_id=export_id)
