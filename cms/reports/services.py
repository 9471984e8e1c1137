"""What reports change: audited exports (now, or queued for Celery and built once) and
the audit line for looking at individuals' participation."""

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cms.models import ManagementSummary, ProgrammeSettings, ReportExport
from core.queue import enqueue
from gamification.models import PointsEntry
from gamification.services import activity
from people.models import AuditAction, Member
from people.services import audit

from . import exports, metrics, selectors
from .metrics import Scope


def _check_per_person(names: list[str]) -> None:
    if "people" in names and ProgrammeSettings.load().aggregates_only:
        raise selectors.PerPersonOff(_("Per-person reports are switched off: the programme reports aggregates only."))


def _audit(member: Member, names: list[str], fmt: str, scope: Scope) -> None:
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


def record_per_person_view(*, member: Member, scope: Scope, page: int) -> None:
    """Looking at individuals' participation is recorded, like exports are.
    Locks nothing; returns nothing."""
    audit.record(
        actor=member,
        action=AuditAction.PER_PERSON_VIEWED,
        department=scope.department_id,
        location=scope.location_id,
        page=page,
    )


def export_now(*, member: Member, scope: Scope, names: list[str], fmt: str) -> bytes:
    """Build the export file during the request and audit it.

    Locks nothing. Returns the file's bytes. Raises ``PerPersonOff`` (403) for the people
    table under the works council setting and ``ReportError`` (400) for a group under five."""
    _check_per_person(names)
    content = exports.render(exports.tables_for(scope=scope, names=names), fmt)
    _audit(member, names, fmt, scope)
    return content


def queue_export(*, member: Member, params: dict, names: list[str], fmt: str) -> ReportExport:
    """Record a large export and let Celery build it after commit (``build_export``).

    Locks nothing. Returns the pending export, which only ``member`` may download, for
    ``REPORT_EXPORT_KEEP_DAYS`` from now. Raises
    ``PerPersonOff`` (403) for the people table under the works council setting."""
    _check_per_person(names)
    now = timezone.now()
    export = ReportExport.objects.create(
        requested_by=member,
        table=",".join(names),
        fmt=fmt,
        params=params,
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.REPORT_EXPORT_KEEP_DAYS),
    )
    enqueue("cms.tasks.build_report_export", export.pk)
    return export


def build_export(*, export_id: int) -> bool:
    """Build a queued export once and audit it; a second run finds it no longer pending.

    Locks nothing: only a pending export without a file is built. Returns whether this
    call built it. A failure marks the export failed and is raised."""
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
        with translation.override(member.language or settings.LANGUAGE_CODE):
            tables = exports.tables_for(scope=scope, names=names)
            content = exports.render(tables, export.fmt)
    except Exception:
        ReportExport.objects.filter(pk=export_id).update(status=ReportExport.Status.FAILED, finished_at=timezone.now())
        raise
    # The stored name is random (``cms.models.report_export_name``); the download is named
    # after the table and the day.
    export.file.save(f"export.{export.fmt}", ContentFile(content), save=False)
    export.status = ReportExport.Status.READY
    export.rows = sum(len(rows) for _header, rows in tables.values())
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "rows", "finished_at"])
    _audit(member, names, export.fmt, scope)
    return True


def delete_exports(exports: QuerySet[ReportExport]) -> int:
    """Delete ``exports`` and, once the deletion commits, their files (a rolled-back
    deletion loses no file). Locks nothing. Returns how many rows went."""
    doomed = list(exports.exclude(file="").values_list("file", flat=True))
    storage = ReportExport._meta.get_field("file").storage
    count, _by_model = exports.delete()

    def delete_files():
        for name in doomed:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return count


def delete_expired_exports(*, now: datetime.datetime | None = None) -> int:
    """The Celery beat task's work: exports past ``expires_at`` (their download answers 410
    from that moment) lose their file and their row. Safe to run twice. Returns how many."""
    return delete_exports(ReportExport.objects.filter(expires_at__lte=now or timezone.now()))


# The rows each rollup kind counts (model label, date field): what ``metrics`` reads from
# ``gamification.ActivityWeek`` besides the ledger.
ROLLUP_SOURCES = {
    "lessons": ("learning.LessonCompletion", "completed_at"),
    "courses": ("learning.CourseCompletion", "completed_at"),
    "shares": ("challenges.Share", "created_at"),
}


def rebuild_rollup() -> int:
    """Rebuild the reports' weekly rollup from the ledger and ``ROLLUP_SOURCES``; locks the
    rollup table while it runs (``gamification.services.activity.rebuild``), then vacuums it
    when called outside a transaction (``activity.vacuum``). Returns the number of rows
    written; raises nothing of its own."""
    sources = []
    for kind, (label, date_field) in ROLLUP_SOURCES.items():
        model = metrics.model(label)
        if model is not None:
            sources.append(activity.Source(kind=kind, queryset=model.objects.all(), date_field=date_field))
    rows = activity.rebuild(ledger=PointsEntry.objects.all(), sources=sources)
    activity.vacuum()
    return rows


def send_monthly_summaries(*, now: datetime.datetime | None = None) -> int:
    """E-mail last month's management summary (text and PDF) to every member who asked for
    it and may get it (managers, HR, Masters, Activators), each in their own language. Once
    per member and month: the row (member, month) is inserted before the e-mail goes, in one
    transaction per member, so a retry or a second run sends nothing twice and a failed send
    is tried again on the next run. Locks nothing. Returns how many were sent."""
    from core import branding as core_branding
    from people import policies as people_policies

    from .pdf import render_summary_pdf

    now = now or timezone.now()
    first = selectors.previous_month(timezone.localdate(now))
    done = ManagementSummary.objects.filter(month=first).values("member_id")
    recipients = (
        Member.objects.filter(monthly_summary=True, is_active=True, erased_at=None)
        .exclude(pk__in=done)
        .select_related("department", "manager_of")
    )
    branding = core_branding.current()
    sent = 0
    for member in recipients:
        if not people_policies.may_get_monthly_summary(member):
            continue
        try:
            with transaction.atomic():
                ManagementSummary.objects.create(member=member, month=first, sent_at=now)
                with translation.override(member.language):
                    summary = selectors.monthly_summary(member=member, first=first)
                    _send_summary(member, summary, branding, render_summary_pdf)
        except IntegrityError:
            continue
        sent += 1
    return sent


def _send_summary(member: Member, summary: dict, branding, render_pdf) -> None:
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import formats

    month = formats.date_format(summary["month"], "F Y")
    context = {
        "member": member,
        "summary": summary,
        "month_label": month,
        "url": settings.BASE_URL.rstrip("/") + reverse("reports:summary") + f"?month={summary['month']:%Y-%m}",
    }
    subject = str(_("Social media summary for %(month)s") % {"month": month})
    message = EmailMultiAlternatives(
        subject, render_to_string("cms/reports/summary_email.txt", context), to=[member.email]
    )
    message.attach(
        f"summary-{summary['month']:%Y-%m}.pdf",
        render_pdf(summary, branding=branding, language=member.language),
        "application/pdf",
    )
    message.send()
