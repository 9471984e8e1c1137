"""The pilot group builder page: Masters only, with the configured limit."""

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
    "who", [{"role": Role.AMBASSADOR}, {"role": Role.EDITOR}, {"is_hr": True}, {"role": Role.ACTIVATOR}]
)
def test_others_may_not_build_the_pilot(client_for, org, who):
    client = client_for(MemberFactory(**who))
    assert client.get("/pilot/").status_code == 403
    assert client.post("/pilot/", {"add": [org["it"][0].pk]}).status_code == 403
    assert not Member.objects.get(pk=org["it"][0].pk).in_pilot
