"""SCIM 2.0 provisioning (people/api/scim.py) called the way Entra ID's and Okta's
provisioning clients call it: discovery, a look-up by userName before creating, create,
PATCH (Entra: capitalised ops, string booleans, one attribute per path; Okta: lower-case ops,
real booleans, a value object), PUT, DELETE, and departments as groups."""

import json

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from people.models import AuditLog, Department, Location, Member, Role
from people.services import api_token
from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

TOKEN = "s3cret-scim-token"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
SCIM_JSON = "application/scim+json"


@pytest.fixture(autouse=True)
def _scim_on(settings):
    settings.SCIM_BEARER_TOKEN = TOKEN


@pytest.fixture
def idp():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    return client


def send(client, method, path, body=None):
    """As the IdPs send it: application/scim+json, no trailing slash."""
    kwargs = {"content_type": SCIM_JSON}
    if body is not None:
        kwargs["data"] = json.dumps(body)
    return getattr(client, method)(f"/scim/v2/{path}", **kwargs)


def entra_user(email="ann.jansen@example.com", **extra):
    """What Entra ID POSTs with its default attribute mappings."""
    return {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
        "externalId": "ann.jansen",
        "userName": email,
        "active": True,
        "displayName": "Ann Jansen",
        "title": "Recruiter",
        "emails": [{"primary": True, "type": "work", "value": email}],
        "name": {"formatted": "Ann Jansen", "familyName": "Jansen", "givenName": "Ann"},
        "addresses": [{"type": "work", "formatted": "Utrecht", "locality": "Utrecht"}],
        ENTERPRISE: {"department": "Sales"},
        **extra,
    }


# --- who may use it ---------------------------------------------------------------------


def test_without_a_configured_token_scim_is_off(settings, idp):
    settings.SCIM_BEARER_TOKEN = ""
    response = send(idp, "get", "Users")
    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Token " + TOKEN, "Basic " + TOKEN])
def test_a_missing_or_wrong_token_is_401_with_a_bearer_challenge(header):
    client = APIClient()
    if header:
        client.credentials(HTTP_AUTHORIZATION=header)
    response = send(client, "get", "Users")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["detail"] and body["code"] and body["status"] == "401"


def test_a_signed_in_master_is_no_one_here():
    master = MemberFactory(role=Role.MASTER, is_superuser=True)
    client = APIClient()
    client.force_login(master)
    assert send(client, "get", "Users").status_code == 401
    token_client = APIClient()
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(member=master)}")
    assert send(token_client, "post", "Users", entra_user()).status_code == 401
    assert not Member.objects.filter(email="ann.jansen@example.com").exists()


# --- discovery --------------------------------------------------------------------------


def test_discovery(idp):
    config = send(idp, "get", "ServiceProviderConfig")
    assert config.status_code == 200 and config["Content-Type"].startswith(SCIM_JSON)
    assert config.json()["patch"]["supported"] is True and config.json()["filter"]["supported"] is True
    types = send(idp, "get", "ResourceTypes").json()
    assert {t["id"] for t in types["Resources"]} == {"User", "Group"}
    assert send(idp, "get", "ResourceTypes/User").json()["schemaExtensions"][0]["schema"] == ENTERPRISE
    schemas = send(idp, "get", "Schemas").json()["Resources"]
    assert ENTERPRISE in {s["id"] for s in schemas}
    assert send(idp, "get", "Schemas/" + ENTERPRISE).status_code == 200
    assert send(idp, "get", "Schemas/urn:nope").status_code == 404


# --- Entra ID ---------------------------------------------------------------------------


def test_entra_looks_up_then_creates_a_member(idp):
    lookup = idp.get("/scim/v2/Users", {"filter": 'userName eq "ann.jansen@example.com"'})
    assert lookup.status_code == 200 and lookup.json()["totalResults"] == 0

    response = send(idp, "post", "Users", entra_user())
    assert response.status_code == 201, response.content
    body = response.json()
    member = Member.objects.get(email="ann.jansen@example.com")
    assert body["id"] == str(member.pk) and body["userName"] == "ann.jansen@example.com"
    assert body["active"] is True and body[ENTERPRISE]["department"] == "Sales"
    assert body["meta"]["location"].endswith(f"/scim/v2/Users/{member.pk}")
    assert (member.first_name, member.last_name, member.display_name) == ("Ann", "Jansen", "Ann Jansen")
    assert member.role == Role.AMBASSADOR and member.is_active and not member.has_usable_password()
    assert member.department.name == "Sales" and member.location.name == "Utrecht"
    assert member.scim_external_id == "ann.jansen"
    assert AuditLog.objects.filter(action="provisioned", target_id=member.pk).exists()

    found = idp.get("/scim/v2/Users", {"filter": 'userName eq "Ann.Jansen@example.com"'}).json()
    assert found["totalResults"] == 1 and found["Resources"][0]["id"] == str(member.pk)


def test_creating_an_existing_user_is_409_uniqueness(idp):
    MemberFactory(email="ann.jansen@example.com")
    response = send(idp, "post", "Users", entra_user())
    assert response.status_code == 409
    assert response.json()["scimType"] == "uniqueness" and response.json()["code"] == "uniqueness"


def test_an_existing_department_and_location_are_reused_whatever_the_case(idp):
    sales = Department.objects.create(name="Sales")
    utrecht = Location.objects.create(name="Utrecht")
    send(idp, "post", "Users", entra_user(**{ENTERPRISE: {"department": "SALES"}}))
    member = Member.objects.get(email="ann.jansen@example.com")
    assert member.department == sales and member.location == utrecht


def test_entra_disables_a_member_at_once_and_keeps_their_data(idp):
    member = MemberFactory(email="ann@example.com", display_name="Ann")
    key = api_token(member=member)
    browser = Client()
    assert browser.post("/login/", {"login": member.email, "password": PASSWORD}).status_code == 302
    assert browser.get("/profile/").status_code == 200

    patch = {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "Replace", "path": "active", "value": "False"}],
    }
    response = send(idp, "patch", f"Users/{member.pk}", patch)
    assert response.status_code == 200, response.content
    assert response.json()["active"] is False

    member.refresh_from_db()
    assert not member.is_active and member.display_name == "Ann"  # data kept
    assert not Token.objects.filter(key=key).exists()
    token_client = APIClient()
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert token_client.get("/api/v1/me/").status_code == 401
    assert browser.get("/profile/").status_code == 302  # the session has ended
    again = Client()
    again.post("/login/", {"login": member.email, "password": PASSWORD})
    assert "_auth_user_id" not in again.session
    assert APIClient().post("/api/v1/auth/token/", {"email": member.email, "password": PASSWORD}).status_code == 400
    assert AuditLog.objects.filter(action="deactivated", target_id=member.pk).exists()

    # And Entra switches them on again.
    patch["Operations"][0]["value"] = "True"
    assert send(idp, "patch", f"Users/{member.pk}", patch).json()["active"] is True
    assert Client().post("/login/", {"login": member.email, "password": PASSWORD}).status_code == 302


def test_entra_patches_attributes_one_path_at_a_time(idp):
    member = MemberFactory(email="ann@example.com")
    patch = {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [
            {"op": "Replace", "path": "userName", "value": "ann.de.vries@example.com"},
            {"op": "Replace", "path": 'emails[type eq "work"].value', "value": "ann.de.vries@example.com"},
            {"op": "Replace", "path": "name.familyName", "value": "de Vries"},
            {"op": "Add", "path": "displayName", "value": "Ann de Vries"},
            {"op": "Replace", "path": f"{ENTERPRISE}:department", "value": "Marketing"},
            {"op": "Replace", "path": 'addresses[type eq "work"].locality', "value": "Zwolle"},
            {"op": "Add", "path": "title", "value": "Ignored"},
        ],
    }
    response = send(idp, "patch", f"Users/{member.pk}", patch)
    assert response.status_code == 200, response.content
    member.refresh_from_db()
    assert member.email == "ann.de.vries@example.com" and member.last_name == "de Vries"
    assert member.display_name == "Ann de Vries"
    assert member.department.name == "Marketing" and member.location.name == "Zwolle"

    remove = {"Operations": [{"op": "Remove", "path": f"{ENTERPRISE}:department"}]}
    send(idp, "patch", f"Users/{member.pk}", remove)
    member.refresh_from_db()
    assert member.department is None


# --- Okta -------------------------------------------------------------------------------


def test_okta_creates_then_deactivates_with_a_value_object(idp):
    body = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": "bob@example.com",
        "name": {"givenName": "Bob", "familyName": "Bakker"},
        "emails": [{"primary": True, "value": "bob@example.com", "type": "work"}],
        "displayName": "Bob Bakker",
        "locale": "nl-NL",
        "externalId": "00u1abcd",
        "groups": [],
        "password": "ignored-1234",
        "active": True,
    }
    created = send(idp, "post", "Users", body)
    assert created.status_code == 201
    user_id = created.json()["id"]
    member = Member.objects.get(pk=user_id)
    assert not member.has_usable_password()  # Okta's password is never taken
    key = api_token(member=member)

    got = idp.get("/scim/v2/Users", {"filter": 'userName eq "bob@example.com"', "startIndex": 1, "count": 100})
    assert got.json()["Resources"][0]["externalId"] == "00u1abcd"

    patch = {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "replace", "value": {"active": False}}],
    }
    response = send(idp, "patch", f"Users/{user_id}", patch)
    assert response.status_code == 200 and response.json()["active"] is False
    member.refresh_from_db()
    assert not member.is_active and not Token.objects.filter(key=key).exists()


def test_okta_replaces_a_user_with_put(idp):
    member = MemberFactory(email="bob@example.com", first_name="Bob", display_name="Bob")
    member.department = Department.objects.create(name="Sales")
    member.save()
    body = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": str(member.pk),
        "userName": "bob@example.com",
        "name": {"givenName": "Robert", "familyName": "Bakker"},
        "emails": [{"primary": True, "value": "bob@example.com", "type": "work"}],
        "active": True,
    }
    response = send(idp, "put", f"Users/{member.pk}", body)
    assert response.status_code == 200, response.content
    member.refresh_from_db()
    assert (member.first_name, member.last_name, member.display_name) == ("Robert", "Bakker", "")
    assert member.department is None  # PUT replaces: what is left out is cleared


def test_delete_switches_off_hides_and_keeps_the_data(idp):
    member = MemberFactory(email="carl@example.com", display_name="Carl")
    key = api_token(member=member)
    assert send(idp, "delete", f"Users/{member.pk}").status_code == 204
    member.refresh_from_db()
    assert not member.is_active and member.deprovisioned_at is not None and member.display_name == "Carl"
    assert not Token.objects.filter(key=key).exists()
    assert send(idp, "get", f"Users/{member.pk}").status_code == 404
    assert idp.get("/scim/v2/Users", {"filter": 'userName eq "carl@example.com"'}).json()["totalResults"] == 0
    # Provisioned again later: the same member comes back, with their history.
    again = send(idp, "post", "Users", entra_user(email="carl@example.com"))
    assert again.status_code == 201 and again.json()["id"] == str(member.pk)
    member.refresh_from_db()
    assert member.is_active and member.deprovisioned_at is None


# --- groups as departments --------------------------------------------------------------


def test_groups_are_departments(idp):
    ann = MemberFactory()
    bob = MemberFactory()
    created = send(idp, "post", "Groups", {"displayName": "Support", "members": [{"value": str(ann.pk)}]})
    assert created.status_code == 201, created.content
    group_id = created.json()["id"]
    ann.refresh_from_db()
    assert ann.department.name == "Support"

    # Entra: look-up without members, then add and remove members one PATCH at a time.
    lookup = idp.get("/scim/v2/Groups", {"filter": 'displayName eq "Support"', "excludedAttributes": "members"})
    assert lookup.json()["totalResults"] == 1 and "members" not in lookup.json()["Resources"][0]
    add = {"Operations": [{"op": "Add", "path": "members", "value": [{"value": str(bob.pk)}]}]}
    assert send(idp, "patch", f"Groups/{group_id}", add).status_code == 200
    remove = {"Operations": [{"op": "Remove", "path": f'members[value eq "{ann.pk}"]'}]}
    assert send(idp, "patch", f"Groups/{group_id}", remove).status_code == 200
    members = send(idp, "get", f"Groups/{group_id}").json()["members"]
    assert [m["value"] for m in members] == [str(bob.pk)]

    # Okta: rename with a value object, remove with a value list.
    rename = {"Operations": [{"op": "replace", "value": {"id": group_id, "displayName": "Customer support"}}]}
    assert send(idp, "patch", f"Groups/{group_id}", rename).json()["displayName"] == "Customer support"
    okta_remove = {"Operations": [{"op": "remove", "path": "members", "value": [{"value": str(bob.pk)}]}]}
    send(idp, "patch", f"Groups/{group_id}", okta_remove)
    bob.refresh_from_db()
    assert bob.department is None

    assert send(idp, "delete", f"Groups/{group_id}").status_code == 204
    assert Department.objects.filter(pk=group_id).exists()  # kept for history


def test_a_duplicate_group_name_is_409(idp):
    Department.objects.create(name="Sales")
    response = send(idp, "post", "Groups", {"displayName": "sales"})
    assert response.status_code == 409 and response.json()["scimType"] == "uniqueness"


# --- bad input is a 4xx SCIM error, never a 500 ------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code"),
    [
        ("get", "Users?filter=userName%20co%20%22a%22", None, 400, "invalidFilter"),
        ("get", "Users?filter=title%20eq%20%22x%22", None, 400, "invalidFilter"),
        ("get", "Users?startIndex=abc", None, 400, "invalidValue"),
        ("post", "Users", {"displayName": "No userName"}, 400, "invalidValue"),
        ("post", "Users", {"userName": "not-an-address"}, 400, "invalidValue"),
        ("post", "Users", ["a list"], 400, "invalidSyntax"),
        (
            "patch",
            "Users/{id}",
            {"Operations": [{"op": "Replace", "path": "active", "value": "maybe"}]},
            400,
            "invalidValue",
        ),
        (
            "patch",
            "Users/{id}",
            {"Operations": [{"op": "Move", "path": "active", "value": True}]},
            400,
            "invalidSyntax",
        ),
        ("patch", "Users/{id}", {"Operations": []}, 400, "invalidSyntax"),
        ("patch", "Users/{id}", {"Operations": [{"op": "Remove", "path": "userName"}]}, 400, "mutability"),
        ("patch", "Users/{id}", {"Operations": [{"op": "Replace", "value": "x"}]}, 400, "invalidValue"),
        ("get", "Users/999999", None, 404, "not_found"),
        ("get", "Users/abc", None, 404, "not_found"),
        ("post", "Groups", {"displayName": ""}, 400, "invalidValue"),
        ("post", "Groups", {"displayName": "X", "members": [{"value": "abc"}]}, 400, "invalidValue"),
    ],
)
def test_bad_requests_get_scim_errors(idp, method, path, body, status, code):
    member = MemberFactory()
    response = send(idp, method, path.replace("{id}", str(member.pk)), body)
    assert response.status_code == status, response.content
    data = response.json()
    assert data["detail"] and data["code"] == code and data["status"] == str(status)


def test_malformed_json_is_400(idp):
    response = idp.generic("POST", "/scim/v2/Users", "{not json", content_type=SCIM_JSON)
    assert response.status_code == 400 and response.json()["code"] == "invalidSyntax"


def test_paging(idp):
    for _ in range(3):
        MemberFactory()
    page = idp.get("/scim/v2/Users", {"startIndex": 2, "count": 1}).json()
    assert page["totalResults"] == 3 and page["startIndex"] == 2 and page["itemsPerPage"] == 1
