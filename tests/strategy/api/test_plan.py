import datetime

import pytest
from django.utils import timezone

from people.models import Role
from strategy.models import PlanItem, PlanStatus
from tests.factories import MemberFactory
from tests.strategy.factories import KeyMessageFactory, PlanItemFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/plan/items/"


def soon(days=5):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_a_creator_plans_and_lists_items(api_for):
    creator = MemberFactory(role=Role.CREATOR)
    message = KeyMessageFactory()
    client = api_for(creator)
    created = client.post(URL, {"title": "Vakbeurs", "due": soon(), "message": message.pk}, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["owner"], body["status"], body["message"], body["can_change"]) == (
        creator.pk,
        "idea",
        message.pk,
        True,
    )
    again = client.post(URL, {"title": "Vakbeurs", "due": soon(), "message": message.pk}, format="json")
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert [i["id"] for i in client.get(URL, {"message": message.pk}).json()] == [body["id"]]
    assert client.get(URL, {"message": message.pk + 1000}).json() == []


def test_filters_by_owner_department_and_status(api_for):
    a, b = PlanItemFactory(), PlanItemFactory(status=PlanStatus.IDEA)
    client = api_for(MemberFactory(role=Role.EDITOR))
    assert [i["id"] for i in client.get(URL, {"owner": a.owner_id}).json()] == [a.pk]
    assert [i["id"] for i in client.get(URL, {"department": b.department_id}).json()] == [b.pk]
    assert [i["id"] for i in client.get(URL, {"status": "idea"}).json()] == [b.pk]
    bad = client.get(URL, {"status": "later"})
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_status"


@pytest.mark.parametrize("role", [Role.AMBASSADOR])
def test_ambassadors_get_403(api_for, role):
    item = PlanItemFactory()
    client = api_for(MemberFactory(role=role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"title": "x", "due": soon()}, format="json").status_code == 403
    assert client.patch(f"{URL}{item.pk}/", {"status": "in_progress"}, format="json").status_code == 403


def test_anonymous_gets_403(anon_api):
    assert anon_api.get(URL).status_code in (401, 403)


def test_patch_moves_replans_and_reassigns(api_for):
    item = PlanItemFactory()
    master = MemberFactory(role=Role.MASTER)
    other = MemberFactory(role=Role.CREATOR)
    response = api_for(master).patch(
        f"{URL}{item.pk}/", {"status": "in_progress", "due": soon(9), "owner": other.pk}, format="json"
    )
    assert response.status_code == 200, response.json()
    item.refresh_from_db()
    assert (item.status, item.due.isoformat(), item.owner) == ("in_progress", soon(9), other)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"status": "approved"}, "invalid_transition"),
        ({"status": "nonsense"}, "invalid_status"),
        ({"due": "2000-01-01"}, "due_in_past"),
        ({"due": "tomorrow"}, "invalid"),
    ],
)
def test_patch_answers_400_with_a_code(api_for, data, code):
    item = PlanItemFactory()
    response = api_for(MemberFactory(role=Role.EDITOR)).patch(f"{URL}{item.pk}/", data, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == code
    item.refresh_from_db()
    assert item.status == PlanStatus.PLANNED


def test_someone_elses_item_is_403_and_a_missing_one_404(api_for):
    item = PlanItemFactory()
    client = api_for(MemberFactory(role=Role.CREATOR))
    refused = client.patch(f"{URL}{item.pk}/", {"status": "in_progress"}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "not_your_item"
    assert client.patch(f"{URL}999999/", {"status": "in_progress"}, format="json").status_code == 404


def test_the_list_takes_the_same_queries_however_many_items(api_for, django_assert_max_num_queries):
    client = api_for(MemberFactory(role=Role.MASTER))
    PlanItemFactory(message=KeyMessageFactory())
    client.get(URL)
    with django_assert_max_num_queries(6):
        client.get(URL)
    for _ in range(8):
        PlanItemFactory(message=KeyMessageFactory())
    with django_assert_max_num_queries(6):
        assert len(client.get(URL).json()) == 9
    assert PlanItem.objects.count() == 9
