"""The Social Master's actions on the 6 C's report (``strategy``): suggest a course for a weak
C to a department, or put the C's suggested actions on an upcoming meetup. The report page offers the form through the ``six_cs_report_context``
hook (``cms/wagtail_hooks.py``), since ``strategy`` knows nothing of courses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.errors import ServiceError
from courses.models import CoursePage
from events.models import SessionPage
from strategy import policies as strategy_policies

from ..services.six_cs_actions import plan_meetup_actions, suggest_course


@login_required
@require_POST
def six_cs_suggest_course(request):
    if not strategy_policies.can_act_on_six_cs(request.user):
        raise PermissionDenied(_("Only a Social Master turns a weak C into a course suggestion."))
    try:
        course_id = int(request.POST.get("course", ""))
        department_id = int(request.POST.get("department") or 0) or None
    except ValueError:
        messages.error(request, _("Choose a course."))
        return redirect("strategy:six_cs_report")
    course = get_object_or_404(CoursePage, pk=course_id)
    try:
        told = suggest_course(by=request.user, course=course, c=request.POST.get("c", ""), department_id=department_id)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Course suggested to %(count)s members.") % {"count": told})
    target = reverse("strategy:six_cs_report")
    return redirect(f"{target}?department={department_id}" if department_id else target)


@login_required
@require_POST
def six_cs_meetup_actions(request):
    if not strategy_policies.can_act_on_six_cs(request.user):
        raise PermissionDenied(_("Only a Social Master turns a weak C into meetup action items."))
    target = reverse("strategy:six_cs_report")
    department = request.POST.get("department", "")
    if department.isdigit():
        target = f"{target}?department={department}"
    meetup_id = request.POST.get("meetup", "")
    if not meetup_id.isdigit():
        messages.error(request, _("Choose a meetup."))
        return redirect(target)
    meetup = get_object_or_404(SessionPage, pk=int(meetup_id))
    try:
        added = plan_meetup_actions(by=request.user, meetup=meetup, c=request.POST.get("c", ""))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        if added:
            text = ngettext(
                "%(count)s action item added to %(meetup)s; its hosts were told.",
                "%(count)s action items added to %(meetup)s; its hosts were told.",
                added,
            )
            messages.success(request, text % {"count": added, "meetup": meetup.title})
        else:
            messages.info(request, _("These action items are already on %(meetup)s.") % {"meetup": meetup.title})
    return redirect(target)
