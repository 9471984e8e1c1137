"""``/leaderboards/``: a board with me and my neighbours, and how I appear on boards. Any
signed-in member; Masters see hidden members on boards."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gamification.errors import UnknownBoard
from gamification.leaderboards.boards import parse_board
from gamification.leaderboards.periods import PERIODS
from gamification.selectors.boards import board_payload
from gamification.selectors.points import standing
from gamification.services.boards import set_leaderboard_visibility
from people.models import LeaderboardVisibility


@login_required
def leaderboard(request, board="all"):
    period = request.GET.get("period", "all")
    if period not in PERIODS:
        period = "all"
    member = request.user
    try:
        key = parse_board(board)
        payload = board_payload(key, period, viewer=member)
    except UnknownBoard:
        raise Http404 from None
    choices = [("all", None)]
    if member.department_id:
        choices.append((f"department-{member.department_id}", member.department))
    if member.location_id:
        choices.append((f"location-{member.location_id}", member.location))
    return render(
        request,
        "gamification/leaderboard.html",
        {
            "board": payload,
            "board_name": key.name,
            "period": period,
            "periods": PERIODS,
            "choices": choices,
            "standing": standing(member=member, language=get_language()),
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
        set_leaderboard_visibility(member=request.user, visibility=visibility)
        messages.success(request, _("Your leaderboard choice has been saved."))
    return redirect("gamification:leaderboard")
