import pytest

from people.models import Role
from strategy.models import SixCQuestion, SixCResponse
from tests.factories import DepartmentFactory, MemberFactory
from tests.strategy.factories import SixCResponseFactory

pytestmark = pytest.mark.django_db


def answers(value=3):
    return {str(q.pk): value for q in SixCQuestion.objects.filter(active=True)}


def test_questions_then_one_response_a_quarter(api):
    body = api.get("/api/v1/six-cs/").json()
    assert len(body["questions"]) == 12 and body["answered_this_quarter"] is False
    assert set(body["questions"][0]) == {"id", "c", "text"}
    first = api.post("/api/v1/six-cs/responses/", {"answers": answers(4)}, format="json")
    assert first.status_code == 201, first.json()
    assert first.json()["scores"]["content"] == 4
    second = api.post("/api/v1/six-cs/responses/", {"answers": answers(2)}, format="json")
    assert second.status_code == 409 and second.json()["code"] == "already_answered_this_quarter"
    assert api.get("/api/v1/six-cs/").json()["answered_this_quarter"] is True


@pytest.mark.parametrize("payload", [{}, {"answers": []}, {"answers": {"1": "x"}}])
def test_bad_answers_are_400(api, payload):
    response = api.post("/api/v1/six-cs/responses/", payload, format="json")
    assert response.status_code == 400 and response.json()["code"]
    assert not SixCResponse.objects.exists()


def test_the_report_is_for_hr_masters_and_activators(api_for):
    department = DepartmentFactory()
    for _ in range(5):
        SixCResponseFactory(member=MemberFactory(department=department))
    for role in (Role.AMBASSADOR, Role.CREATOR, Role.EDITOR):
        assert api_for(MemberFactory(role=role)).get("/api/v1/reports/six-cs/").status_code == 403
    hr = MemberFactory(is_hr=True)
    body = api_for(hr).get("/api/v1/reports/six-cs/").json()
    assert body["min_group"] == 5
    assert {g["key"] for g in body["quarters"][0]["groups"]} == {f"department:{department.pk}", "organisation"}


def test_an_activator_sees_their_own_department_only(api_for):
    ours, theirs = DepartmentFactory(), DepartmentFactory()
    for _ in range(5):
        SixCResponseFactory(member=MemberFactory(department=ours))
        SixCResponseFactory(member=MemberFactory(department=theirs))
    activator = MemberFactory(role=Role.ACTIVATOR, department=ours)
    client = api_for(activator)
    groups = client.get("/api/v1/reports/six-cs/").json()["quarters"][0]["groups"]
    assert [g["key"] for g in groups] == [f"department:{ours.pk}"]
    refused = client.get("/api/v1/reports/six-cs/", {"department": theirs.pk})
    assert refused.status_code == 403 and refused.json()["code"] == "own_department_only"


def test_a_group_under_five_is_never_shown(api_for):
    department = DepartmentFactory()
    for _ in range(4):
        SixCResponseFactory(member=MemberFactory(department=department))
    master = MemberFactory(role=Role.MASTER)
    assert api_for(master).get("/api/v1/reports/six-cs/").json()["quarters"] == []
