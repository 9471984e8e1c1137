"""Masters correct points in the Wagtail admin: a new ledger line with a reason, never an
edit. Only members who may (``policies.can_correct_points``: Social Masters)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from gamification import policies
from gamification.selectors.points import recent_corrections
from gamification.services.points import correct_points
from people.models import Member


class CorrectionForm(forms.Form):
    member = forms.ModelChoiceField(
        queryset=Member.objects.filter(is_active=True).order_by("display_name", "email"), label=_("Member")
    )
    points = forms.IntegerField(label=_("Points"), help_text=_("Negative to take points away."))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)

    def clean_points(self):
        points = self.cleaned_data["points"]
        if points == 0:
            raise forms.ValidationError(_("A correction of 0 points changes nothing."))
        if abs(points) > 100_000:
            raise forms.ValidationError(_("That is more than any correction should be."))
        return points


def corrections(request):
    if not policies.can_correct_points(request.user):
        raise PermissionDenied
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        correct_points(
            member=form.cleaned_data["member"],
            points=form.cleaned_data["points"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        messages.success(request, _("The correction has been recorded."))
        return redirect("gamification_corrections")
    return TemplateResponse(
        request, "gamification/admin/corrections.html", {"form": form, "recent": recent_corrections()}
    )
