"""The planning board (``/plan/``): the content plan as columns by status for a week or a
month, with filters; a card moves by drag and drop (``static/strategy/plan-board.js``,
through the API) or, without JavaScript and on a phone, with its own select and button
(``plan_item_move``). Social Creators and up; others get 403."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from core.errors import ServiceError
from people.models import Department, Member

from .. import policies
from .. import selectors as strategy_selectors
from ..models import CalendarEntry, Channel, KeyMessage, PlanItem, PlanStatus
from ..selectors import plan as selectors
from ..services import plan as services


def _check(request) -> None:
    if not policies.can_use_plan(request.user):
        raise PermissionDenied(_("The content plan is for Social Creators, Editors, Activators and Masters."))


def _int(value) -> int | None:
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


def _back(request, default: str = "") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default or "strategy:plan_board"


@login_required
def plan_board(request):
    _check(request)
    try:
        day = datetime.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = timezone.localdate()
    filters = selectors.PlanFilters(
        message_id=_int(request.GET.get("message")),
        owner_id=_int(request.GET.get("owner")),
        department_id=_int(request.GET.get("department")),
    )
    view = request.GET.get("view", "week")
    board = selectors.board(view=view, day=day, filters=filters)
    for column in board.columns:
        for item in column.items:
            item.can_change = policies.can_change_item(request.user, item)
            item.can_write = (
                item.owner_id == request.user.pk and not item.story_id and item.status in services.UNFINISHED
            )
    context = {
        "board": board,
        "filters": filters,
        "messages_list": strategy_selectors.active_messages(),
        "owners": selectors.possible_owners(),
        "departments": selectors.departments(),
        "statuses": PlanStatus.choices,
        "channels": Channel.choices,
        "can_plan_for_others": policies.can_plan_for_others(request.user),
        "today": timezone.localdate(),
        "query": request.GET.urlencode(),
    }
    for fn in hooks.get_hooks("plan_board_context"):
        context.update(fn(request=request) or {})
    return render(request, "strategy/plan_board.html", context)


@login_required
@require_POST
def plan_item_add(request):
    _check(request)
    try:
        due = datetime.date.fromisoformat(request.POST.get("due", ""))
    except ValueError:
        messages.error(request, _("Give the due date as YYYY-MM-DD."))
        return redirect(_back(request))
    owner_id = _int(request.POST.get("owner"))
    owner = Member.objects.filter(pk=owner_id).first() if owner_id else request.user
    message_id = _int(request.POST.get("message"))
    department_id = _int(request.POST.get("department"))
    try:
        item, created = services.create_item(
            by=request.user,
            title=request.POST.get("title", ""),
            owner=owner or request.user,
            due=due,
            message=KeyMessage.objects.filter(pk=message_id).first() if message_id else None,
            department=Department.objects.filter(pk=department_id).first() if department_id else None,
            channel=request.POST.get("channel") or Channel.LINKEDIN,
            notes=request.POST.get("notes", ""),
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        if created:
            messages.success(request, _("Planned: %(title)s") % {"title": item.title})
    return redirect(_back(request))


@login_required
@require_POST
def plan_item_move(request, pk):
    _check(request)
    item = get_object_or_404(PlanItem, pk=pk)
    if not policies.can_change_item(request.user, item):
        raise PermissionDenied(_("You may only change your own planned items."))
    try:
        services.update_item(by=request.user, item=item, status=request.POST.get("status", ""))
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect(_back(request))


@login_required
@require_POST
def plan_from_calendar(request, pk):
    _check(request)
    entry = get_object_or_404(CalendarEntry, pk=pk)
    try:
        item, created = services.plan_from_calendar_entry(by=request.user, entry=entry)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(_back(request, "strategy:content_calendar"))
    if created:
        messages.success(request, _("Planned: %(title)s") % {"title": item.title})
    return redirect(f"{reverse('strategy:plan_board')}?view=month&day={item.due.isoformat()}")
