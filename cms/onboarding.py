"""Onboarding for a new member: why the programme exists, what is in it for them, the rule
that they stay the editor of their own channel, privacy and consent, their choices, and
then their first lesson. Any signed-in member (it can be revisited from the profile)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gamification.services.boards import set_leaderboard_visibility
from learning import selectors as learning_selectors
from people import services as people_services
from people.models import AgeBand, Department, Gender, LeaderboardVisibility, Member


class OnboardingForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_("I have read how my data is used and agree to take part."),
        error_messages={"required": _("Please agree to the privacy explanation to take part.")},
    )
    department = forms.ModelChoiceField(
        Department.objects.all(), label=_("Department"), required=False, empty_label=_("— choose —")
    )
    leaderboard_visibility = forms.ChoiceField(
        choices=LeaderboardVisibility.choices, widget=forms.RadioSelect, label=_("On leaderboards")
    )
    gender = forms.ChoiceField(choices=Gender.choices, required=False, label=_("Gender (optional)"))
    age_band = forms.ChoiceField(choices=AgeBand.choices, required=False, label=_("Age (optional)"))

    class Meta:
        model = Member
        fields = ["language", "department", "leaderboard_visibility", "gender", "age_band"]


def first_lesson_url(member: Member) -> str:
    overview = learning_selectors.learning_overview(member=member, language=member.language or get_language())
    upcoming = overview.next or next((c for p in overview.paths for c in p.courses if c.next_lesson), None)
    if upcoming is None:
        upcoming = next((c for c in overview.courses if c.next_lesson and not c.locked_reason), None)
    if upcoming is not None and upcoming.next_lesson is not None:
        return upcoming.next_lesson.url
    return "/learn/"


@login_required
def onboarding(request):
    member = request.user
    if request.method == "POST":
        form = OnboardingForm(request.POST, instance=member)
        if form.is_valid():
            with transaction.atomic():
                visibility = form.cleaned_data["leaderboard_visibility"]
                member = form.save(commit=False)
                member.privacy_consent_at = member.privacy_consent_at or timezone.now()
                member.onboarded_at = member.onboarded_at or timezone.now()
                member.save(update_fields=["department", "gender", "age_band", "privacy_consent_at", "onboarded_at"])
                people_services.set_language(member=member, language=form.cleaned_data["language"])
                set_leaderboard_visibility(member=member, visibility=visibility)
            return redirect(first_lesson_url(member))
    else:
        form = OnboardingForm(instance=member, initial={"consent": member.privacy_consent_at is not None})
    return render(request, "cms/onboarding.html", {"form": form, "member": member})
