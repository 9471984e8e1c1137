"""The pilot group builder: composition next to the organisation, explained suggestions,
the size limit, and who may use it."""

import pytest

from cms.models import ProgrammeSettings
from people import pilot
from people.models import AuditAction, AuditLog, Department, Location, Member, Role
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(db):
    sales, it = Department.objects.create(name="Sales"), Department.objects.create(name="IT")
    utrecht, delft = Location.objects.create(name="Utrecht"), Location.objects.create(name="Delft")
    sales_people = [MemberFactory(department=sales, location=utrecht, in_pilot=i < 4, gender="woman") for i in range(6)]
    it_people = [
        MemberFactory(department=it, location=delft, network_size=1500 if i == 0 else 50, age_band="25_34")
        for i in range(4)
    ]
    return {"sales": sales_people, "it": it_people}


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


def test_the_limit_is_enforced_and_changes_are_audited(org):
    master = MemberFactory(role=Role.MASTER)
    it_ids = [m.pk for m in org["it"]]
    with pytest.raises(pilot.PilotFull):
        pilot.change_pilot(add=it_ids, by=master, limit=6)
    assert Member.objects.filter(in_pilot=True).count() == 4  # nothing half-done
    assert pilot.change_pilot(add=it_ids[:2], by=master, limit=6) == 6
    assert pilot.change_pilot(remove=[org["sales"][0].pk], by=master, limit=6) == 5
    assert AuditLog.objects.filter(action=AuditAction.PILOT_CHANGED, actor=master).count() == 2


def test_builder_page_for_masters_with_the_configured_limit(client, org):
    settings = ProgrammeSettings.load()
    settings.pilot_group_limit = 5
    settings.save()
    client.force_login(MemberFactory(role=Role.MASTER))
    page = client.get("/pilot/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "4 of at most 5 members" in html and "under-represented" in html
    response = client.post("/pilot/", {"add": [org["it"][0].pk, org["it"][1].pk]}, follow=True)
    assert "limited to 5 members" in response.content.decode()
    client.post("/pilot/", {"email": org["it"][0].email})
    assert Member.objects.get(pk=org["it"][0].pk).in_pilot


@pytest.mark.parametrize(
    "who", [{"role": Role.AMBASSADOR}, {"role": Role.EDITOR}, {"is_hr": True}, {"role": Role.ACTIVATOR}]
)
def test_others_may_not_build_the_pilot_or_invite(client, org, who):
    client.force_login(MemberFactory(**who))
    assert client.get("/pilot/").status_code == 403
    assert client.post("/pilot/", {"add": [org["it"][0].pk]}).status_code == 403
    assert client.get("/invitations/").status_code == 403
    assert not Member.objects.get(pk=org["it"][0].pk).in_pilot


def test_invitation_page_reports_bad_lines(client, org):
    client.force_login(MemberFactory(role=Role.MASTER))
    response = client.post("/invitations/", {"rows": "Ok Person,ok@example.com,Sales,\nBad,nope,,\n"})
    assert response.status_code == 200
    assert "Line 3" in response.content.decode() and "not an e-mail address" in response.content.decode()
    response = client.post("/invitations/", {"rows": "Ok Person,ok@example.com,Sales,Utrecht\n", "message": "Hoi"})
    assert response.status_code == 302


def test_demo_programme_seed_is_idempotent():
    from cms.demo.programme import seed

    members = [MemberFactory(network_size=i * 10) for i in range(30)]
    seed(members)
    seed(members)
    assert Member.objects.filter(in_pilot=True).count() <= 20
    from people.models import Invitation

    assert Invitation.objects.count() == 8
    assert ProgrammeSettings.load().employee_count == 400
