"""Report pages: HR and Social Masters (whole organisation), Social Activators (their own
department); everyone else 403. Figures come from the same selectors as the API."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.models import ProgrammeSettings
from core import branding as core_branding
from core import storage
from core.dates import parse_month
from core.errors import ServiceError

from . import charts, exports, policies, present, selectors, services
from .pdf import render_summary_pdf


def _context(request):
    forced = policies.own_department_only(request.user)  # 403 for everyone else
    params = {k: request.GET.get(k, "") for k in ("from", "to", "department", "location")}
    try:
        scope = selectors.scope_for(member=request.user, params=params)
        error = None
    except ServiceError as exc:
        scope = selectors.scope_for(member=request.user, params={"department": params["department"]})
        error = exc.message
    return {
        "scope": scope,
        "error": error,
        "params": params,
        "query": "&".join(f"{k}={v}" for k, v in params.items() if v),
        **selectors.filter_choices(department_id=forced),
        "own_department_only": forced is not None,
        "settings_": ProgrammeSettings.load(),
        "formats": exports.FORMATS,
    }


@login_required
def dashboard(request):
    context = _context(request)
    data = present.as_dict(selectors.participation(context["scope"]))
    context["report"] = data
    context["charts"] = [
        (s["label"], charts.line_chart(label=s["label"], weeks=data["trends"]["weeks"], values=s["values"]))
        for s in data["trends"]["series"]
    ]
    funnel = data["funnel"]
    if funnel:
        widest = max(funnel["invited"], 1)
        context["funnel_steps"] = [
            (label, funnel[key], round(100 * funnel[key] / widest))
            for key, label in (
                ("invited", _("Invited")),
                ("joined", _("Joined")),
                ("active", _("Active (30 days)")),
                ("creators", _("Creators")),
            )
        ]
    return render(request, "cms/reports/dashboard.html", context)


@login_required
def people(request):
    context = _context(request)
    try:
        page = max(1, int(request.GET.get("page") or 1))
    except ValueError:
        page = 1
    try:
        context["result"] = selectors.per_person(context["scope"], page=page)
    except selectors.PerPersonOff as exc:
        context["off"] = exc.message
    else:
        services.record_per_person_view(member=request.user, scope=context["scope"], page=page)
        count = context["result"]["count"]
        context["page"] = page
        context["has_next"] = page * selectors.PEOPLE_PAGE_SIZE < count
    return render(request, "cms/reports/people.html", context)


@login_required
def reach(request):
    context = _context(request)
    context["reach"] = selectors.reach(context["scope"])
    return render(request, "cms/reports/reach.html", context)


@login_required
def outcomes(request):
    """The outcomes report: per goal and key message, department and wave, labelled measured,
    self-reported, estimated or unknown."""
    context = _context(request)
    for key in ("goal", "message"):
        context["params"][key] = request.GET.get(key, "")
    try:
        filters = selectors.outcome_filters(request.GET)
    except ServiceError as exc:
        filters, context["error"] = {}, exc.message
    report = context["outcomes"] = selectors.outcomes(context["scope"], **filters)
    # The same sentences as the monthly summary (plurals and numbers as the reader writes them).
    context["statements"] = selectors.statements(report, goals=False) if report and not report.get("suppressed") else []
    context["goal_choices"] = selectors.goal_choices()
    return render(request, "cms/reports/outcomes.html", context)


def _summary_month(request):
    value = request.GET.get("month")
    parsed = parse_month(value) if value else None
    return parsed[0] if parsed else selectors.previous_month(timezone.localdate())


@login_required
def summary(request):
    """The monthly management summary as a page (managers, HR, Masters, Activators; others 403)."""
    first = _summary_month(request)
    context = selectors.monthly_summary(member=request.user, first=first)
    context["month_param"] = f"{first:%Y-%m}"
    context["previous"] = f"{selectors.previous_month(first):%Y-%m}"
    return render(request, "cms/reports/summary.html", context)


@login_required
def summary_pdf(request):
    """The same summary as a PDF, in the reader's language."""
    first = _summary_month(request)
    data = selectors.monthly_summary(member=request.user, first=first)
    content = render_summary_pdf(data, branding=core_branding.current(request), language=translation.get_language())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="summary-{first:%Y-%m}.pdf"'
    return response


@login_required
def download(request, pk):
    """A prepared export, from private storage: only the member who asked for it, only while
    they may still see reports (anyone else: 404, as if it did not exist), only until it
    expires (410, then the beat task deletes it)."""
    export = selectors.export_for(member=request.user, pk=pk, ready=True)
    if not policies.may_download_export(request.user, export):
        raise Http404
    if export.is_expired():
        message = _("This download has expired. Downloads are kept for %(days)s days; export the report again.") % {
            "days": settings.REPORT_EXPORT_KEEP_DAYS
        }
        return render(request, "cms/reports/export_expired.html", {"message": message}, status=410)
    if not export.file:
        raise Http404
    return storage.serve(
        export.file.storage,
        export.file.name,
        cache_control="private, no-store",
        as_attachment=True,
        filename=export.download_name,
    )
