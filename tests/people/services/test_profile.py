"""One profile service for the profile page, ``PATCH /api/v1/me/`` and the onboarding."""

import datetime

import pytest
from wagtail.users.models import UserProfile

from core.errors import InvalidInput
from people.models import Department, Member
from people.services import profile

pytestmark = pytest.mark.django_db


def test_only_the_given_fields_change(member):
    member.network_size = 10
    member.save()
    profile.update_profile(member=member, display_name="New Name", email_outside_office_hours=False)
    stored = Member.objects.get(pk=member.pk)
    assert stored.display_name == "New Name" and stored.email_outside_office_hours is False
    assert stored.network_size == 10 and stored.language == "en"


def test_a_new_language_is_also_the_admins(member):
    profile.update_profile(member=member, language="nl")
    assert Member.objects.get(pk=member.pk).language == "nl"
    assert UserProfile.get_for_user(member).preferred_language == "nl"


@pytest.mark.parametrize(
    "changes",
    [{"language": "fr"}, {"gender": "robot"}, {"age_band": "ancient"}, {"display_name": "x" * 121}],
)
def test_values_the_model_refuses_are_invalid_input(member, changes):
    before = Member.objects.filter(pk=member.pk).values().get()
    with pytest.raises(InvalidInput):
        profile.update_profile(member=member, **changes)
    assert Member.objects.filter(pk=member.pk).values().get() == before


def test_set_language_refuses_a_language_the_site_does_not_offer(member):
    with pytest.raises(ValueError):
        profile.set_language(member=member, language="fr")


def test_onboarding_records_consent_once_and_the_choices_each_time(member):
    sales = Department.objects.create(name="Sales")
    profile.complete_onboarding(member=member, language="nl", department=sales, age_band="35_44")
    first = Member.objects.get(pk=member.pk)
    assert first.privacy_consent_at and first.onboarded_at
    assert (first.language, first.department, first.age_band) == ("nl", sales, "35_44")
    Member.objects.filter(pk=member.pk).update(privacy_consent_at=first.privacy_consent_at - datetime.timedelta(days=3))
    profile.complete_onboarding(member=member, language="en", department=None)
    again = Member.objects.get(pk=member.pk)
    assert again.privacy_consent_at == first.privacy_consent_at - datetime.timedelta(days=3)
    assert again.language == "en" and again.department is None and again.age_band == ""
