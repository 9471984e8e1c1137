"""Onboarding for a new member: why the programme exists, what is in it for them, the rule
that they stay the editor of their own channel, privacy and consent, their choices, and
then their first lesson. Any signed-in member (it can be revisited from the profile)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from cms import selectors
from cms.forms import OnboardingForm
from cms.services.onboarding import complete_onboarding


@login_required
def onboarding(request):
    member = request.user
    if request.method == "POST":
        form = OnboardingForm(request.POST, instance=member)
        if form.is_valid():
            complete_onboarding(member=member, **form.choices())
            return redirect(selectors.first_lesson_url(member=member, language=member.language or get_language()))
    else:
        form = OnboardingForm(instance=member, initial={"consent": member.privacy_consent_at is not None})
    return render(request, "cms/onboarding.html", {"form": form, "member": member})
