"""Prize pages: the current period with live standings, a period's page, the wall of fame.
Reading and nominating: any signed-in member. Closing a period and the jury step: Social
Masters only (``policies.can_judge_prizes``; 403 for everyone else)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.errors import ServiceError
from gamification import policies, scoring
from gamification.models import PrizePeriod, PrizeStatus
from gamification.selectors import prizes
from gamification.services import prizes as prize_services
from people.models import Member


class NominationForm(forms.Form):
    nominee = forms.ModelChoiceField(
        label=gettext_lazy("Who inspired you this period?"), queryset=Member.objects.none(), empty_label=""
    )
    reason = forms.CharField(
        label=gettext_lazy("Why?"),
        max_length=prize_services.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, period: PrizePeriod, nominator: Member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = (
            scoring.nominees(period).exclude(pk=nominator.pk).order_by("display_name", "email")
        )
        self.fields["nominee"].label_from_instance = lambda member: member.name


def _period_context(request, period: PrizePeriod) -> dict:
    member = request.user
    now = timezone.now()
    judge = policies.can_judge_prizes(member)
    context = {
        "period": period,
        "is_open": prizes.is_open(period, now),
        "not_started": period.status == PrizeStatus.OPEN and now < period.starts_at,
        "formula": prizes.formula_items(period),
        "tie_break": prizes.TIE_BREAK,
        "board": prizes.board(period, viewer=member),
        "board_name": f"prize-{period.pk}",
        "departments": list(period.departments.all()),
        "is_master": judge,
        "winners": [],
    }
    if period.status == PrizeStatus.JUDGED:
        period = prizes.with_winners(PrizePeriod.objects.filter(pk=period.pk).defer("standings")).get()
        context["winners"] = prizes.winners_of(period, viewer=member)
    if period.nomination_weight and context["is_open"]:
        nomination = prizes.nomination_of(period, member)
        context["my_nomination"] = nomination
        if nomination is None:
            context["nomination_form"] = NominationForm(period=period, nominator=member)
    if judge and period.status == PrizeStatus.CLOSED:
        context["candidates"] = prizes.named_candidates(period)
    return context


@login_required
def overview(request):
    period = prizes.current_period(now=timezone.now())
    context = _period_context(request, period) if period else {}
    context["periods"] = list(prizes.prize_periods().order_by("-starts_at"))
    context["overview"] = True
    return render(request, "gamification/prizes/period.html", context)


@login_required
def detail(request, pk):
    period = get_object_or_404(prizes.prize_periods(), pk=pk)
    context = _period_context(request, period)
    return render(request, "gamification/prizes/period.html", context)


@login_required
def wall_of_fame(request):
    return render(request, "gamification/prizes/wall_of_fame.html", {"wall": prizes.wall_of_fame(viewer=request.user)})


@login_required
@require_POST
def nominate(request, pk):
    period = get_object_or_404(prizes.prize_periods(), pk=pk)
    form = NominationForm(request.POST, period=period, nominator=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("gamification:prize", pk=period.pk)
    try:
        prize_services.nominate(
            period=period,
            nominator=request.user,
            nominee=form.cleaned_data["nominee"],
            reason=form.cleaned_data["reason"],
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you! Your nomination is in."))
    return redirect("gamification:prize", pk=period.pk)


@login_required
@require_POST
def close(request, pk):
    if not policies.can_judge_prizes(request.user):
        raise PermissionDenied
    period = get_object_or_404(prizes.prize_periods(), pk=pk)
    try:
        period = prize_services.close_period(period=period, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        if period.status == PrizeStatus.CLOSED:
            messages.success(request, _("The period is closed. Confirm the winners below."))
        else:
            messages.success(request, _("The period is closed and the winners are announced."))
    return redirect("gamification:prize", pk=pk)


@login_required
@require_POST
def confirm(request, pk):
    if not policies.can_judge_prizes(request.user):
        raise PermissionDenied
    period = get_object_or_404(prizes.prize_periods(), pk=pk)
    chosen = request.POST.getlist("winner")
    winners = [(member_id, request.POST.get(f"motivation-{member_id}", "")) for member_id in chosen]
    try:
        prize_services.confirm_winners(period=period, by=request.user, winners=winners)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The winners are confirmed and announced."))
    return redirect("gamification:prize", pk=pk)
