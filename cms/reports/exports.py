"""CSV and XLSX exports of the report tables, with the same filters and figures as the
page. Exports larger than ``REPORT_EXPORT_INLINE_ROWS`` rows are built by Celery."""

import csv
import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import ReportExport
from people import audit
from people.models import AuditAction

from . import present, selectors

AGGREGATE_TABLES = ["funnel", "departments", "locations", "trends"]
REACH_TABLES = ["stories", "reach_departments", "networks"]
TABLES = [*AGGREGATE_TABLES, "people", *REACH_TABLES]
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CHUNK = 1000


def _safe(value):
    """Spreadsheets run cells that start with = + - @ as formulas; names are user input."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def tables_for(*, scope: selectors.Scope, names: list[str]) -> dict[str, tuple[list, list]]:
    tables: dict = {}
    if any(n in AGGREGATE_TABLES for n in names):
        data = present.as_dict(selectors.participation(scope))
        if data["suppressed"]:
            raise selectors.ReportError(_("This group has fewer than 5 members; it is not reported on its own."))
        for name in names:
            if name in AGGREGATE_TABLES:
                tables[name] = present.table(data, name)
    if any(n in REACH_TABLES for n in names):
        reach = selectors.reach(scope)
        if reach is not None:
            for name, table in present.reach_tables(reach).items():
                if name in names:
                    tables[name] = table
    if "people" in names:
        header, rows = None, []
        page = 1
        while True:
            result = selectors.per_person(scope, page=page, page_size=CHUNK)
            if result["suppressed"]:
                raise selectors.ReportError(_("This group has fewer than 5 members; it is not reported per person."))
            header, chunk = present.people_table(result)
            rows.extend(chunk)
            if page * CHUNK >= result["count"]:
                break
            page += 1
        tables["people"] = (header, rows)
    return tables


def render(tables: dict[str, tuple[list, list]], fmt: str) -> bytes:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for index, (header, rows) in enumerate(tables.values()):
            if index:
                writer.writerow([])
            writer.writerow([str(h) for h in header])
            writer.writerows([[_safe(v) for v in row] for row in rows])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, (header, rows) in tables.items():
        sheet = workbook.create_sheet(title=name[:31])
        sheet.append([str(h) for h in header])
        for row in rows:
            sheet.append([_safe(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def wanted_tables(table: str | None, fmt: str) -> list[str]:
    if fmt not in FORMATS:
        raise selectors.ReportError(_("Choose csv or xlsx."))
    if not table:
        return ["departments"] if fmt == "csv" else [*AGGREGATE_TABLES, *REACH_TABLES]
    if table not in TABLES:
        raise selectors.ReportError(_("Unknown table; choose one of: %(tables)s.") % {"tables": ", ".join(TABLES)})
    return [table]


def is_large(*, scope: selectors.Scope, names: list[str]) -> bool:
    return "people" in names and selectors.people_queryset(scope).count() > settings.REPORT_EXPORT_INLINE_ROWS


def export_now(*, member, scope, names: list[str], fmt: str) -> bytes:
    if "people" in names:
        _check_per_person()
    content = render(tables_for(scope=scope, names=names), fmt)
    _audit(member, names, fmt, scope)
    return content


def _check_per_person():
    from cms.models import ProgrammeSettings

    if ProgrammeSettings.load().aggregates_only:
        raise selectors.PerPersonOff(_("Per-person reports are switched off: the programme reports aggregates only."))


def _audit(member, names, fmt, scope):
    audit.record(
        actor=member,
        action=AuditAction.REPORT_EXPORTED,
        tables=names,
        fmt=fmt,
        department=scope.department_id,
        location=scope.location_id,
        start=scope.start.date().isoformat(),
        end=scope.end.date().isoformat(),
    )


def queue_export(*, member, params: dict, names: list[str], fmt: str) -> ReportExport:
    """Record the request and let Celery build the file after commit."""
    if "people" in names:
        _check_per_person()
    export = ReportExport.objects.create(requested_by=member, table=",".join(names), fmt=fmt, params=params)
    from cms import tasks

    transaction.on_commit(lambda: tasks.build_report_export.delay(export.pk))
    return export


def build_export(*, export_id: int) -> bool:
    """Build a queued export once: a second run finds it no longer pending."""
    claimed = ReportExport.objects.filter(pk=export_id, status=ReportExport.Status.PENDING, file="").select_related(
        "requested_by"
    )
    export = claimed.first()
    if export is None:
        return False
    member = export.requested_by
    try:
        scope = selectors.scope_for(member=member, params=export.params)
        names = export.table.split(",")
        tables = tables_for(scope=scope, names=names)
        content = render(tables, export.fmt)
    except Exception:
        ReportExport.objects.filter(pk=export_id).update(status=ReportExport.Status.FAILED, finished_at=timezone.now())
        raise
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    export.file.save(
        f"participation-{export.table.replace(',', '-')}-{stamp}.{export.fmt}", ContentFile(content), save=False
    )
    export.status = ReportExport.Status.READY
    export.rows = sum(len(rows) for _header, rows in tables.values())
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "rows", "finished_at"])
    _audit(member, names, export.fmt, scope)
    return True
