"""CSV and XLSX files of the report tables, with the same filters and figures as the
page. Exports larger than ``REPORT_EXPORT_INLINE_ROWS`` rows are built by Celery
(``services.queue_export``); the audit and the queue live in ``services``."""

import csv
import datetime
import io
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

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


def dutch_excel() -> bool:
    """Whether a CSV is written for Dutch Excel: when it is downloaded in Dutch."""
    return (get_language() or settings.LANGUAGE_CODE).startswith("nl")


def _dutch(value):
    """A cell as Dutch Excel reads it: decimal commas, dates as dd-mm-jjjj."""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
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
        if reach is not None and reach["suppressed"]:
            raise selectors.ReportError(_("This group has fewer than 5 members; it is not reported on its own."))
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
    """The file's bytes in the active language's conventions (see ``dutch_excel``)."""
    if fmt == "csv":
        # UTF-8 with a BOM always. Downloaded in Dutch: ";" between cells, decimal commas
        # and dd-mm-jjjj dates, as Dutch Excel opens it; otherwise the plain,
        # machine-readable CSV (commas, decimal points, ISO dates).
        dutch = dutch_excel()
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";" if dutch else ",")
        for index, (header, rows) in enumerate(tables.values()):
            if index:
                writer.writerow([])
            writer.writerow([str(h) for h in header])
            writer.writerows([[_safe(_dutch(v) if dutch else v) for v in row] for row in rows])
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
