"""Forms of the site shell's pages (onboarding, privacy). They validate; services save."""

from django import forms
from django.utils.translation import gettext_lazy as _

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

    def choices(self) -> dict:
        """The choices as ``cms.services.onboarding.complete_onboarding`` takes them."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
