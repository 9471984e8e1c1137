"""Social Masters own the programme: they open and save the programme and sharing
settings in the Wagtail admin; editors and ambassadors are refused."""

import pytest
from django.urls import reverse

from challenges.models import SharingSettings
from cms.models import ProgrammeSettings
from people.models import Role
from people.roles import ensure_role_groups
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

SETTINGS = [ProgrammeSettings, SharingSettings]


@pytest.fixture(autouse=True)
def role_groups(db):
    ensure_role_groups()


def edit_url(model):
    instance = model.load()
    return reverse("wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name, instance.pk])


def form_data(client, url):
    """The form as the browser would send it back: every field's current value."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data


@pytest.mark.parametrize("model", SETTINGS, ids=lambda m: m._meta.model_name)
def test_master_opens_and_saves_settings(client_for, model):
    client = client_for(MemberFactory(role=Role.MASTER))
    url = edit_url(model)
    data = form_data(client, url)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert "Sorry" not in client.get(url).content.decode()


def test_master_changes_works_council_switch_and_cost_per_click(client_for):
    client = client_for(MemberFactory(role=Role.MASTER))
    url = edit_url(ProgrammeSettings)
    data = form_data(client, url)
    data.update(aggregates_only="on", cost_per_click="1.25")
    assert client.post(url, data).status_code == 302
    saved = ProgrammeSettings.load()
    assert saved.aggregates_only is True
    assert str(saved.cost_per_click) == "1.25"


def test_master_sees_settings_in_admin_menu(client_for):
    client = client_for(MemberFactory(role=Role.MASTER))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    for model in SETTINGS:
        assert f"/admin/settings/{model._meta.app_label}/{model._meta.model_name}/" in html


@pytest.mark.parametrize("role", [Role.EDITOR, Role.AMBASSADOR, Role.CREATOR])
@pytest.mark.parametrize("model", SETTINGS, ids=lambda m: m._meta.model_name)
def test_others_are_refused(client_for, role, model):
    client = client_for(MemberFactory(role=role))
    url = edit_url(model)
    response = client.get(url)
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"].startswith(("/admin/", "/login/")), response["Location"]
    before = model.load()
    client.post(url, {"cost_per_click": "9.99", "organisation_name": "Hacked"})
    after = model.load()
    assert [getattr(after, f.attname) for f in model._meta.fields] == [
        getattr(before, f.attname) for f in model._meta.fields
    ]
