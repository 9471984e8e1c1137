"""The participation report's figures against a hand-built organisation: the funnel, the
<5 rule, the period, per person and reach, read straight from the selectors."""

import datetime

import pytest
from django.utils import timezone

from cms.models import ProgrammeSettings
from cms.reports import present, selectors
from people.models import Member
from tests.cms.reports.factories import days_ago
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(org):
    # No department or location: the viewer lands in "no department" (1 member, pooled).
    return MemberFactory(is_hr=True, department=None, location=None)


def report(viewer, **params) -> dict:
    scope = selectors.scope_for(member=viewer, params={key: str(value) for key, value in params.items()})
    return present.as_dict(selectors.participation(scope))


@pytest.mark.clock
def test_funnel_and_tables_match_the_hand_built_organisation(viewer):
    data = report(viewer)
    # 14 members (13 + the HR viewer) and 3 open invitations.
    assert data["funnel"] == {
        "invited": 17,
        "joined": 14,
        "active": 5,
        "creators": 3,
        "employees": 17,
        "active_share_percent": 29.4,
        "goal_percent": 10,
    }
    rows = {r["name"]: r for r in data["departments"]}
    # Legal (2) and no department (1) are pooled; that pool (3) is under 5, so the
    # smallest shown group (Support, 5) joins it.
    assert set(rows) == {"Sales", "Other groups (pooled)"}
    sales = rows["Sales"]
    assert sales["members"] == 6 and sales["active_percent"] == 50.0
    assert sales["lessons"] == 4 and sales["courses"] == 1
    assert sales["stories_approved"] == 1 and sales["shares"] == 1 and sales["clicks"] == 3
    other = rows["Other groups (pooled)"]
    assert other["members"] == 8 and other["shares"] == 1 and other["clicks"] == 1
    assert data["total"]["members"] == 14 and data["total"]["lessons"] == 4
    locations = {r["name"]: r["members"] for r in data["locations"]}
    # Delft (2) and no location (1) make a pool of 3; Utrecht would give them away as
    # total minus Utrecht, so it is pooled with them.
    assert locations == {"Other groups (pooled)": 14}


def test_employee_count_setting_sets_the_goal_base(viewer):
    settings = ProgrammeSettings.load()
    settings.employee_count = 100
    settings.save()
    funnel = report(viewer)["funnel"]
    assert funnel["employees"] == 100 and funnel["active_share_percent"] == 5.0


@pytest.mark.clock
def test_period_filter_counts_only_the_period(viewer):
    old = timezone.localdate(days_ago(400)).isoformat()  # the local day, as reports count
    data = report(viewer, **{"from": old, "to": old})
    assert data["total"]["lessons"] == 1 and data["total"]["members"] == 13
    assert data["funnel"]["active"] == 0


def test_a_group_under_five_is_never_broken_out(viewer, org):
    data = report(viewer, department=org["ids"]["legal"])
    assert data["suppressed"] is True and data["departments"] == [] and data["funnel"] == {}
    scope = selectors.scope_for(member=viewer, params={"location": str(org["ids"]["delft"])})
    people = selectors.per_person(scope)
    assert people["suppressed"] is True and people["rows"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"from": "yesterday"},
        {"from": "2026-02-01", "to": "2026-01-01"},
        {"department": "abc"},
        {"location": "0"},
        {"from": "2020-01-01", "to": "2026-01-01"},
    ],
)
def test_bad_filters_are_report_errors(viewer, params):
    with pytest.raises(selectors.ReportError) as excinfo:
        selectors.scope_for(member=viewer, params=params)
    assert excinfo.value.status_code == 400


def test_per_person_shows_completions_not_texts_or_network(viewer, org):
    result = selectors.per_person(selectors.scope_for(member=viewer, params={}))
    assert result["count"] == 14
    first = next(r for r in result["rows"] if r["id"] == org["sales"][0].pk)
    assert first["lessons"] == 2 and first["courses"] == 1 and first["shares"] == 1
    assert "clicks" not in first and "network_size" not in first and "email" not in first
    assert "Our trade fair" not in str(result)


def test_per_person_is_off_under_the_works_council_setting(viewer):
    settings = ProgrammeSettings.load()
    settings.aggregates_only = True
    settings.save()
    with pytest.raises(selectors.PerPersonOff) as excinfo:
        selectors.per_person(selectors.scope_for(member=viewer, params={}))
    assert excinfo.value.status_code == 403


def test_erased_members_are_not_listed_per_person(viewer, org):
    from django.utils import timezone

    Member.objects.filter(pk=org["sales"][5].pk).update(erased_at=timezone.now())
    result = selectors.per_person(selectors.scope_for(member=viewer, params={}))
    assert result["count"] == 13 and org["sales"][5].pk not in {r["id"] for r in result["rows"]}


def test_reach_counts_unique_clicks_and_values_them(viewer):
    settings = ProgrammeSettings.load()
    settings.cost_per_click = "1.25"
    settings.save()
    data = selectors.reach(selectors.scope_for(member=viewer, params={}))
    assert data["shares"] == 2 and data["unique_clicks"] == 4
    assert float(data["estimated_media_value"]) == 5.0 and float(data["cost_per_click"]) == 1.25
    assert data["stories"] == [{"id": data["stories"][0]["id"], "title": "Our trade fair", "shares": 2, "clicks": 4}]


def test_session_attendance_and_linkedin_checklist_come_from_events(viewer, org):
    from wagtail.models import Locale

    from events.models import LinkedInChecklistItem, LinkedInChecklistTick, Registration
    from tests.events.factories import SessionFactory

    session = SessionFactory(starts_in=-datetime.timedelta(days=5))
    sales = org["sales"]
    for position, member in enumerate(sales[:3], start=1):
        Registration.objects.create(
            session=session, member=member, status="registered", position=position, attended=position < 3
        )
    LinkedInChecklistItem.objects.all().delete()
    locale = Locale.get_default()
    items = [LinkedInChecklistItem.objects.create(title=f"Step {i}", locale=locale) for i in range(4)]
    for item in items[:3]:
        LinkedInChecklistTick.objects.create(member=sales[0], item_key=item.translation_key)
    LinkedInChecklistTick.objects.create(member=sales[1], item_key=items[0].translation_key)
    rows = {r["name"]: r for r in report(viewer)["departments"]}
    assert rows["Sales"]["sessions_attended"] == 2
    assert rows["Sales"]["linkedin_percent"] == round(100 * 4 / (6 * 4), 1)
    people = selectors.per_person(selectors.scope_for(member=viewer, params={}))
    person = next(r for r in people["rows"] if r["id"] == sales[0].pk)
    assert person["sessions_attended"] == 1 and person["linkedin_percent"] == 75.0
