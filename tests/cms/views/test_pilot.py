"""The pilot group builder page: Masters for everyone, Activators for their own department,
with the configured (organisation-wide) limit."""

import pytest

from cms.models import ProgrammeSettings
from people.models import Member, Role
from tests.factories import MemberFactory
from tests.people.factories import sales_and_it

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(db):
    return sales_and_it()


def test_builder_page_for_masters_with_the_configured_limit(client_for, master, org):
    settings = ProgrammeSettings.load()
    settings.pilot_group_limit = 5
    settings.save()
    client = client_for(master)
    page = client.get("/pilot/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "4 of at most 5 members" in html and "under-represented" in html
    response = client.post("/pilot/", {"add": [org["it"][0].pk, org["it"][1].pk]}, follow=True)
    assert "limited to 5 members" in response.content.decode()
    client.post("/pilot/", {"email": org["it"][0].email.upper()})
    assert Member.objects.get(pk=org["it"][0].pk).in_pilot
    response = client.post("/pilot/", {"email": "nobody@example.com"}, follow=True)
    assert "No member with that e-mail address." in response.content.decode()


@pytest.mark.parametrize(
    "who",
    [
        {"role": Role.AMBASSADOR},
        {"role": Role.CREATOR},
        {"role": Role.EDITOR},
        {"is_hr": True},
        {"role": Role.ACTIVATOR, "department": None},
    ],
)
def test_others_may_not_build_the_pilot(client_for, org, who):
    client = client_for(MemberFactory(**who))
    assert client.get("/pilot/").status_code == 403
    assert client.post("/pilot/", {"add": [org["it"][0].pk]}).status_code == 403
    assert not Member.objects.get(pk=org["it"][0].pk).in_pilot


@pytest.fixture
def it_activator(org):
    return MemberFactory(role=Role.ACTIVATOR, department=org["it"][0].department, email="act@example.com")


def test_an_activator_builds_the_pilot_for_their_own_department(
    client_for, it_activator, org, django_assert_max_num_queries
):
    client = client_for(it_activator)
    # 22: the strategy fit reads the active key messages once (cms.selectors.strategy_fit), and
    # the menu asks whether the member moderates a community space.
    with django_assert_max_num_queries(22):
        html = client.get("/pilot/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "your own department, IT" in html and "4 of at most 50 members" in html
    # Sales' pilot members are not named; IT's members are suggested; small groups pooled.
    assert org["sales"][0].name not in html and org["it"][0].name in html
    assert "Other groups (pooled)" in html
    client.post("/pilot/", {"add": [org["it"][0].pk]})
    client.post("/pilot/", {"email": org["it"][1].email})
    assert set(
        Member.objects.filter(in_pilot=True, department=it_activator.department).values_list("pk", flat=True)
    ) == {
        org["it"][0].pk,
        org["it"][1].pk,
    }
    with django_assert_max_num_queries(22):
        html = client.get("/pilot/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "In the pilot group from IT" in html and org["it"][1].name in html


def test_an_activator_may_not_change_another_departments_members(client_for, it_activator, org):
    client = client_for(it_activator)
    response = client.post("/pilot/", {"add": [org["sales"][5].pk]}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "only add or remove members of your own department" in response.content.decode()
    response = client.post("/pilot/", {"remove": [org["sales"][0].pk]}, follow=True)
    response = client.post("/pilot/", {"email": org["sales"][5].email}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "No member of your department with that e-mail address." in response.content.decode()
    assert Member.objects.filter(in_pilot=True).count() == 4 and Member.objects.get(pk=org["sales"][0].pk).in_pilot
