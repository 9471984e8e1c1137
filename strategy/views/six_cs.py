"""The 6 C's self-scan's pages: ``/six-cs/`` for every member (fill it in once a quarter,
see their own result as a radar chart with a table) and ``/six-cs/report/`` for HR, Masters
and Activators (their department): per quarter and department, groups under five pooled."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from core.errors import ServiceError
from core.small_groups import MIN_GROUP

from .. import policies, radar
from ..models import suggested_actions
from ..selectors import six_cs as selectors
from ..selectors.plan import departments
from ..services import six_cs as services


@login_required
def six_cs(request):
    quarter = services.quarter_of(timezone.now())
    questions = selectors.questions()
    answers = {}
    if request.method == "POST":
        answers = {str(q.pk): request.POST.get(f"q{q.pk}", "") for q in questions}
        given = {key: value for key, value in answers.items() if value}
        try:
            services.submit_response(member=request.user, answers=given)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you. Your result is below."))
            return redirect("strategy:six_cs")
    mine = selectors.my_responses(member_id=request.user.pk)
    latest = mine[0] if mine else None
    return render(
        request,
        "strategy/six_cs.html",
        {
            "quarter": quarter,
            "answered": bool(latest and latest[0] == quarter),
            "questions": questions,
            "answers": answers,
            "scale": range(1, 6),
            "latest": latest,
            "chart": radar.chart(latest[1].rows) if latest else None,
            "history": mine,
        },
    )


@login_required
def six_cs_report(request):
    if not policies.can_see_six_cs_report(request.user):
        raise PermissionDenied(_("The 6 C's report is for HR, Social Masters and Social Activators."))
    scope = policies.six_cs_report_department(request.user)
    try:
        department = int(request.GET.get("department") or 0) or None
    except ValueError:
        department = None
    if scope is not None:
        department = scope
    quarters = selectors.report(department_id=department)
    latest = quarters[0] if quarters else None
    headline = None
    if latest:
        headline = next((g for g in latest.groups if g.key == "organisation"), latest.groups[0])
    context = {
        "quarters": quarters,
        "headline": headline,
        "chart": radar.chart(headline.scores.rows) if headline else None,
        "departments": departments() if scope is None else [],
        "department": department,
        "min_group": MIN_GROUP,
        "weakest": headline.scores.weakest if headline else None,
        "weakest_actions": suggested_actions(headline.scores.weakest) if headline else (),
    }
    for fn in hooks.get_hooks("six_cs_report_context"):
        context.update(fn(request=request) or {})
    return render(request, "strategy/six_cs_report.html", context)
