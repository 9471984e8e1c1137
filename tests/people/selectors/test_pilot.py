"""The pilot group next to the organisation, and explained suggestions that balance it."""

import pytest
from django.utils import translation

from core.small_groups import MIN_GROUP
from people import selectors as pilot
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_composition_compares_pilot_with_organisation(org):
    data = pilot.composition()
    assert data["pilot_size"] == 4 and data["organisation_size"] == 10
    departments = {i["label"]: i for i in next(d for d in data["dimensions"] if d["key"] == "department")["items"]}
    assert departments["Sales"]["pilot_percent"] == 100.0 and departments["Sales"]["organisation_percent"] == 60.0
    assert departments["IT"]["pilot"] == 0 and departments["IT"]["organisation_percent"] == 40.0
    gender = {
        i["label"]: i["organisation"] for i in next(d for d in data["dimensions"] if d["key"] == "gender")["items"]
    }
    assert gender == {"Woman": 6, "Not given": 4}
    network = {
        i["label"]: i["organisation"] for i in next(d for d in data["dimensions"] if d["key"] == "network")["items"]
    }
    assert network["1,000 or more"] == 1 and network["fewer than 100"] == 3


def test_suggestions_balance_the_group_and_explain_why(org):
    found = pilot.suggestions(limit=50)
    assert found[0].member == org["it"][0]  # under-represented department and location, large network
    reasons = " ".join(found[0].reasons)
    assert "IT is under-represented: 0.0% of the pilot, 40.0% of the organisation." in reasons
    assert "Delft is under-represented" in reasons and "Large network: about 1500 connections" in reasons
    assert {s.member.pk for s in found} == {m.pk for m in org["it"]}
    assert all(s.reasons for s in found)
    assert len(pilot.suggestions(limit=6)) == 2  # never more than the places left


def test_erased_and_inactive_members_are_not_counted_or_suggested(org):
    from django.utils import timezone

    MemberFactory(department=org["it"][0].department, is_active=False, network_size=5000)
    MemberFactory(department=org["it"][0].department, erased_at=timezone.now(), network_size=5000)
    assert pilot.composition()["organisation_size"] == 10
    assert all(s.member.is_active and s.member.erased_at is None for s in pilot.suggestions(limit=50))


def test_composition_and_suggestions_take_a_fixed_number_of_queries(org, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        pilot.suggestions(limit=50)


def test_suggestion_reasons_write_percentages_with_a_decimal_comma_in_dutch(org):
    with translation.override("nl"):
        reasons = " ".join(pilot.suggestions(limit=50)[0].reasons)
    assert "0,0%" in reasons and "40,0%" in reasons and "0.0%" not in reasons


def test_pooled_composition_never_shows_a_group_under_five(org):
    marketing = MemberFactory(department__name="Marketing").department
    MemberFactory(department=marketing)
    data = pilot.composition(pool_small_groups=True)
    for dimension in data["dimensions"]:
        assert all(item["organisation"] >= MIN_GROUP for item in dimension["items"]), dimension["key"]
    departments = {i["label"]: i for i in next(d for d in data["dimensions"] if d["key"] == "department")["items"]}
    # IT (4) and Marketing (2) are pooled; Sales (6) is shown with its pilot members.
    assert set(departments) == {"Sales", "Other groups (pooled)"}
    assert departments["Other groups (pooled)"]["organisation"] == 6 and departments["Sales"]["pilot"] == 4
    # The Master's view breaks every group out.
    assert {i["label"] for i in pilot.composition()["dimensions"][0]["items"]} == {"Sales", "IT", "Marketing"}


def test_a_pool_too_small_on_its_own_takes_the_smallest_group_shown(org):
    data = pilot.composition(pool_small_groups=True)
    departments = next(d for d in data["dimensions"] if d["key"] == "department")["items"]
    assert [(i["label"], i["organisation"], i["pilot"]) for i in departments] == [("Other groups (pooled)", 10, 4)]


def test_suggestions_for_one_department_name_only_its_members(org):
    it = org["it"][0].department_id
    found = pilot.suggestions(limit=50, department_id=it)
    assert found and {s.member.department_id for s in found} == {it}
    assert pilot.suggestions(limit=50, department_id=org["sales"][0].department_id) == []  # under-represented: no
    assert {m.pk for m in pilot.pilot_members(department_id=it)} == set()
    assert pilot.pilot_members(department_id=org["sales"][0].department_id).count() == 4
