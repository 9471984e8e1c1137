"""Member pages: points history and leaderboards. Any signed-in member; Masters see hidden
members on boards."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.models import LeaderboardVisibility

from . import leaderboards, selectors, services
from .models import PointRule


@login_required
def points_history(request):
    page = Paginator(selectors.points_history(member=request.user), 25).get_page(request.GET.get("page"))
    rules = {rule.action: rule.display_label for rule in PointRule.objects.all()}
    rules.setdefault("correction", _("Correction"))
    return render(
        request,
        "gamification/points.html",
        {
            "page_obj": page,
            "rules": rules,
            "standing": selectors.standing(member=request.user, language=get_language()),
        },
    )


@login_required
def leaderboard(request, board="all"):
    period = request.GET.get("period", "all")
    if period not in leaderboards.PERIODS:
        period = "all"
    try:
        key = leaderboards.parse_board(board)
    except leaderboards.UnknownBoard:
        raise Http404 from None
    member = request.user
    choices = [("all", None)]
    if member.department_id:
        choices.append((f"department-{member.department_id}", member.department))
    if member.location_id:
        choices.append((f"location-{member.location_id}", member.location))
    return render(
        request,
        "gamification/leaderboard.html",
        {
            "board": leaderboards.board_payload(key, period, viewer=member),
            "board_name": key.name,
            "period": period,
            "periods": leaderboards.PERIODS,
            "choices": choices,
            "standing": selectors.standing(member=member, language=get_language()),
            "visibility_choices": LeaderboardVisibility.choices,
        },
    )


@login_required
@require_POST
def set_visibility(request):
    visibility = request.POST.get("visibility", "")
    if visibility not in LeaderboardVisibility.values:
        messages.error(request, _("Choose how you want to appear on the leaderboards."))
    else:
        services.set_leaderboard_visibility(member=request.user, visibility=visibility)
        messages.success(request, _("Your leaderboard choice has been saved."))
    return redirect("gamification:leaderboard")
