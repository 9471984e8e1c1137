"""``/points/``: my points history and standing. Any signed-in member."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from gamification.selectors.points import history_labels, points_history, standing


@login_required
def history(request):
    page = Paginator(points_history(member=request.user), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "gamification/points.html",
        {
            "page_obj": page,
            "rules": history_labels(),
            "standing": standing(member=request.user, language=get_language()),
        },
    )
