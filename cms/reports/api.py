"""Reports API. Every endpoint: HR and Social Masters (whole organisation), Social
Activators (their own department only); everyone else 403."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.models import ReportExport
from core.errors import NotFound

from . import exports, present, selectors, services

FILTERS = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="First day (default: 90 days before 'to')."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Last day (default: today)."),
    OpenApiParameter("department", OpenApiTypes.INT, description="Department id (Activators: their own)."),
    OpenApiParameter("location", OpenApiTypes.INT, description="Location id."),
]


def _params(request) -> dict:
    return {k: request.query_params.get(k) for k in ("from", "to", "department", "location")}


class ParticipationView(APIView):
    """Adoption funnel, per-department and per-location table, weekly trends."""

    @extend_schema(parameters=FILTERS, responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        scope = selectors.scope_for(member=request.user, params=_params(request))
        return Response(present.as_dict(selectors.participation(scope)))


class ParticipationExportView(APIView):
    """The report as CSV or XLSX (``participation.csv`` / ``participation.xlsx``), with the
    same filters; ``table`` picks one table. Large exports answer 202 and are built in the
    background; poll ``status_url`` for the download."""

    @extend_schema(
        parameters=[
            *FILTERS,
            OpenApiParameter("table", OpenApiTypes.STR, enum=exports.TABLES, description="One table (optional)."),
        ],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 202: OpenApiTypes.OBJECT},
    )
    def get(self, request, fmt):
        params = _params(request)
        scope = selectors.scope_for(member=request.user, params=params)
        names = exports.wanted_tables(request.query_params.get("table"), fmt)
        if exports.is_large(scope=scope, names=names):
            export = services.queue_export(member=request.user, params=params, names=names, fmt=fmt)
            return Response(
                {
                    "detail": _("This export is large; it is being prepared. Download it when it is ready."),
                    "id": export.pk,
                    "status_url": reverse("api-report-export-status", args=[export.pk]),
                },
                status=status.HTTP_202_ACCEPTED,
            )
        content = services.export_now(member=request.user, scope=scope, names=names, fmt=fmt)
        response = HttpResponse(content, content_type=exports.FORMATS[fmt])
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="participation-{"-".join(names)}-{stamp}.{fmt}"'
        return response


class PeopleView(APIView):
    """Per-person participation: what each member completed and attended (counts only).
    Off when the works council setting asks for aggregates only."""

    @extend_schema(
        parameters=[*FILTERS, OpenApiParameter("page", OpenApiTypes.INT)], responses={200: OpenApiTypes.OBJECT}
    )
    def get(self, request):
        scope = selectors.scope_for(member=request.user, params=_params(request))
        try:
            page = max(1, int(request.query_params.get("page") or 1))
        except ValueError:
            page = 1
        result = selectors.per_person(scope, page=page)
        result["suppressed_note"] = str(selectors.SUPPRESSED_NOTE) if result["suppressed"] else None
        services.record_per_person_view(member=request.user, scope=scope, page=page)
        result["columns"] = [{"key": c.key, "label": str(c.label), "percent": c.percent} for c in result["columns"]]
        return Response(result)


class ReachView(APIView):
    """Shares and unique clicks per story, department and network, and the estimated media
    value (an estimate: the networks do not report reach for personal profiles)."""

    @extend_schema(parameters=FILTERS, responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        scope = selectors.scope_for(member=request.user, params=_params(request))
        data = selectors.reach(scope)
        if data is None:
            raise NotFound(_("Stories and shares are not part of this installation."), code="not_installed")
        data["estimate_note"] = _(
            "Estimated media value = unique clicks × cost per click. It is an estimate: LinkedIn and the other "
            "networks do not report views or reach for personal profiles, so impressions, likes and comments "
            "are not measured."
        )
        return Response(data)


class OutcomesView(APIView):
    """What sharing brought per goal and key message, department and wave: stories, shares,
    unique clicks (measured), conversions by kind and value (measured), against each goal's
    target; self-reported post results, the estimated media value, and what is unknown, each
    labelled. HR and Masters; Activators their own department; others 403."""

    @extend_schema(
        parameters=[
            OpenApiParameter("goal", OpenApiTypes.INT, description="One goal."),
            OpenApiParameter("message", OpenApiTypes.INT, description="One key message."),
            *FILTERS,
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        scope = selectors.scope_for(member=request.user, params=_params(request))
        data = selectors.outcomes(scope, **selectors.outcome_filters(request.query_params))
        if data is None:
            raise NotFound(_("Stories, shares and goals are not part of this installation."), code="not_installed")
        return Response(data)


class ExportStatusView(APIView):
    """A queued export: its status and, when ready, the download link (until ``expires_at``,
    ``REPORT_EXPORT_KEEP_DAYS`` after it was asked for). Only who asked."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk):
        export = selectors.export_for(member=request.user, pk=pk)
        downloadable = export.status == ReportExport.Status.READY and not export.is_expired()
        return Response(
            {
                "id": export.pk,
                "status": export.status,
                "download_url": reverse("reports:export-download", args=[export.pk]) if downloadable else None,
                "expires_at": export.expires_at,
            }
        )
