"""SCIM 2.0 (RFC 7643 resources, RFC 7644 protocol) as our provisioning endpoint speaks it:
turning members and departments into SCIM resources, and SCIM requests (resources, PATCH
operations, filters) into ``people.services.provisioning.MemberChanges``. No database access
beyond what the objects passed in carry; the endpoints are in ``people.api.scim``.

Why our own small implementation and not django-scim2 (0.23, which does support Django 5.2):
it needs a logged-in Django user for the IdP (we have a bearer token, not a user), a mixin
with its own id columns on the user model, Django's ``Group`` as groups (ours are
departments), and it turns filters into raw SQL with table names; adapting its adapters
to the enterprise extension, departments and Entra ID's quirks (``"op": "Replace"``,
``"value": "False"``) would be more code than the part of the protocol the identity
providers use, which is what this module holds:

- Users: ``userName`` (the e-mail address), ``name.givenName``/``familyName``,
  ``displayName``, ``emails``, ``active``, ``externalId``; the department from the enterprise
  extension (``urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department``); the
  location from the work address's ``locality`` (Entra ID maps ``city`` there, Okta
  ``locality``), or from another enterprise attribute named by ``SCIM_LOCATION_ATTRIBUTE``.
- Groups: departments; ``displayName`` and ``members``.
- Filters: ``<attribute> eq "<value>"`` on ``userName``, ``externalId``, ``id`` (Users) and
  ``displayName``, ``externalId``, ``id`` (Groups); anything else is ``invalidFilter``.
- PATCH: ``add``, ``replace``, ``remove`` in any case, with or without ``path``, booleans as
  JSON or as strings; attributes we do not keep (``title``, ``phoneNumbers``, …) are ignored.
"""

import re
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidInput

from .models import Department, Member
from .services.provisioning import UNSET, MemberChanges

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema"
MAX_RESULTS = 200


class ScimInvalid(InvalidInput):
    """A request SCIM calls bad (400); ``code`` is the RFC 7644 ``scimType``."""

    default_code = "invalidValue"


# --- resources out ----------------------------------------------------------------------


def user_resource(member: Member, *, base_url: str) -> dict:
    """``member`` as a SCIM User (core schema and the enterprise extension)."""
    resource = {
        "schemas": [USER_SCHEMA, ENTERPRISE_SCHEMA],
        "id": str(member.pk),
        "userName": member.email,
        "name": {
            "givenName": member.first_name,
            "familyName": member.last_name,
            "formatted": member.get_full_name() or member.name,
        },
        "displayName": member.display_name or member.name,
        "emails": [{"value": member.email, "type": "work", "primary": True}],
        "active": member.is_active,
        ENTERPRISE_SCHEMA: {"department": member.department.name if member.department_id else ""},
        "meta": {
            "resourceType": "User",
            "created": member.date_joined.isoformat(),
            "location": f"{base_url}/Users/{member.pk}",
        },
    }
    if member.scim_external_id:
        resource["externalId"] = member.scim_external_id
    if member.location_id:
        resource["addresses"] = [{"type": "work", "locality": member.location.name, "primary": True}]
    return resource


def group_resource(department: Department, *, member_ids: list[int] | None, base_url: str) -> dict:
    """``department`` as a SCIM Group; ``member_ids`` None leaves ``members`` out."""
    resource = {
        "schemas": [GROUP_SCHEMA],
        "id": str(department.pk),
        "displayName": department.name,
        "meta": {"resourceType": "Group", "location": f"{base_url}/Groups/{department.pk}"},
    }
    if member_ids is not None:
        resource["members"] = [
            {"value": str(pk), "$ref": f"{base_url}/Users/{pk}", "type": "User"} for pk in member_ids
        ]
    return resource


def list_response(resources: list[dict], *, total: int, start_index: int) -> dict:
    return {
        "schemas": [LIST_SCHEMA],
        "totalResults": total,
        "startIndex": start_index,
        "itemsPerPage": len(resources),
        "Resources": resources,
    }


def error_body(*, status: int, detail: str, scim_type: str | None = None) -> dict:
    """The RFC 7644 error, with our ``code`` beside ``detail`` as every API error has."""
    body = {"schemas": [ERROR_SCHEMA], "status": str(status), "detail": detail, "code": scim_type or "error"}
    if scim_type:
        body["scimType"] = scim_type
    return body


# --- requests in ------------------------------------------------------------------------

_FILTER = re.compile(r'^\s*([A-Za-z.:0-9]+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$', re.IGNORECASE)


def parse_filter(text: str | None, *, allowed: set[str]) -> tuple[str, str] | None:
    """``userName eq "ann@example.com"`` → ``("username", "ann@example.com")`` (the attribute
    lower-cased); None without a filter. Raises ``ScimInvalid`` (``invalidFilter``) for any
    other form or attribute."""
    if not text:
        return None
    match = _FILTER.match(text)
    if not match or match.group(1).lower() not in allowed:
        raise ScimInvalid(_('Only filters of the form attribute eq "value" are supported.'), code="invalidFilter")
    return match.group(1).lower(), re.sub(r"\\(.)", r"\1", match.group(2))


def page_arguments(query) -> tuple[int, int]:
    """``startIndex`` (1-based) and ``count`` from the query string, within bounds."""
    try:
        start = max(1, int(query.get("startIndex") or 1))
        count = min(MAX_RESULTS, max(0, int(query.get("count") or MAX_RESULTS)))
    except ValueError:
        raise ScimInvalid(_("startIndex and count must be numbers."), code="invalidValue") from None
    return start, count


def as_bool(value: Any) -> bool:
    """A SCIM boolean: JSON true/false (Okta) or the strings "True"/"False" (Entra ID)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise ScimInvalid(_("active must be true or false."), code="invalidValue")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise ScimInvalid(_("Expected a text value."), code="invalidValue")
    return str(value)


def _pick(values: Any, key: str) -> str | None:
    """From a multi-valued attribute (``emails``, ``addresses``): the work or primary entry's
    ``key``, else the first one's."""
    if not isinstance(values, list) or not values:
        return None
    entries = [v for v in values if isinstance(v, dict)]
    for entry in entries:
        if entry.get("primary") in (True, "true", "True") or entry.get("type") == "work":
            return entry.get(key)
    return entries[0].get(key) if entries else None


def _location_attribute() -> str:
    return getattr(settings, "SCIM_LOCATION_ATTRIBUTE", "") or "addresses.locality"


def _set(changes: MemberChanges, path: str, value: Any) -> None:
    """Apply one attribute (``path`` as SCIM names it, any case) to ``changes``; unknown
    attributes are ignored, as RFC 7644 lets a service provider do."""
    key = path.strip()
    lower = key.lower()
    enterprise = ENTERPRISE_SCHEMA.lower()
    if lower.startswith(enterprise + ":"):
        attribute = key[len(enterprise) + 1 :]
        if attribute.lower() == "department":
            changes.department = _text(value) or None
        elif _location_attribute().lower() == "enterprise." + attribute.lower():
            changes.location = _text(value) or None
        return
    if lower == enterprise:
        for attribute, inner in (value or {}).items() if isinstance(value, dict) else []:
            _set(changes, f"{ENTERPRISE_SCHEMA}:{attribute}", inner)
        return
    if lower.startswith(USER_SCHEMA.lower() + ":"):
        lower = lower[len(USER_SCHEMA) + 1 :]
    if lower == "active":
        changes.active = as_bool(value)
    elif lower == "username":
        changes.email = _text(value)
    elif lower == "displayname":
        changes.display_name = _text(value)
    elif lower == "externalid":
        changes.external_id = _text(value)
    elif lower == "name.givenname":
        changes.first_name = _text(value)
    elif lower == "name.familyname":
        changes.last_name = _text(value)
    elif lower == "name":
        name = value if isinstance(value, dict) else {}
        changes.first_name = _text(name.get("givenName"))
        changes.last_name = _text(name.get("familyName"))
    elif lower == "emails":
        email = _pick(value, "value")
        if email:
            changes.email = _text(email)
    elif lower.startswith("emails[") and lower.endswith("].value"):
        if value:
            changes.email = _text(value)
    elif _location_attribute() == "addresses.locality":
        if lower == "addresses":
            changes.location = _text(_pick(value, "locality")) or None
        elif lower.startswith("addresses[") and lower.endswith("].locality"):
            changes.location = _text(value) or None


def changes_from_resource(data: Any, *, replace: bool) -> MemberChanges:
    """A POSTed or PUT User as ``MemberChanges``. ``replace`` (PUT): attributes the resource
    leaves out are cleared, except ``active`` (stays) and ``userName`` (required)."""
    if not isinstance(data, dict):
        raise ScimInvalid(_("Send a SCIM User as a JSON object."), code="invalidSyntax")
    if not data.get("userName"):
        raise ScimInvalid(_("userName is required."), code="invalidValue")
    changes = MemberChanges()
    if replace:
        changes.first_name = changes.last_name = changes.display_name = changes.external_id = ""
        changes.department = changes.location = None
    for key, value in data.items():
        if key in ("schemas", "id", "meta", "groups", "password"):
            continue
        _set(changes, key, value)
    return changes


def changes_from_patch(data: Any) -> MemberChanges:
    """A User PATCH (RFC 7644 §3.5.2) as ``MemberChanges``: Entra ID's
    ``{"op": "Replace", "path": "active", "value": "False"}`` and Okta's
    ``{"op": "replace", "value": {"active": false}}`` alike."""
    changes = MemberChanges()
    for op, path, value in patch_operations(data):
        if op == "remove":
            if path is None:
                raise ScimInvalid(_("A remove operation needs a path."), code="noTarget")
            if path.lower() in ("active", "username"):
                raise ScimInvalid(_("This attribute cannot be removed."), code="mutability")
            _set(changes, path, None)
        elif path is None:
            if not isinstance(value, dict):
                raise ScimInvalid(_("An operation without a path needs an object value."), code="invalidValue")
            for key, inner in value.items():
                _set(changes, key, inner)
        else:
            _set(changes, path, value)
    if changes.email is not UNSET and not changes.email:
        raise ScimInvalid(_("userName is required."), code="invalidValue")
    return changes


def patch_operations(data: Any) -> list[tuple[str, str | None, Any]]:
    """The ``Operations`` of a PatchOp as ``(op in lower case, path or None, value)``."""
    operations = data.get("Operations") if isinstance(data, dict) else None
    if not isinstance(operations, list) or not operations:
        raise ScimInvalid(_("Send a PatchOp with a list of Operations."), code="invalidSyntax")
    result = []
    for operation in operations:
        if not isinstance(operation, dict):
            raise ScimInvalid(_("Each operation must be an object."), code="invalidSyntax")
        op = str(operation.get("op", "")).lower()
        if op not in ("add", "replace", "remove"):
            raise ScimInvalid(_("op must be add, replace or remove."), code="invalidSyntax")
        path = operation.get("path")
        if path is not None and not isinstance(path, str):
            raise ScimInvalid(_("path must be text."), code="invalidPath")
        result.append((op, path or None, operation.get("value")))
    return result


def member_ids(values: Any) -> list[int]:
    """Member ids from a Group's ``members`` (``[{"value": "12"}, …]``). Raises
    ``ScimInvalid`` for anything that is not such a list of numbers."""
    if values is None:
        return []
    if isinstance(values, dict):
        values = [values]
    if not isinstance(values, list):
        raise ScimInvalid(_("members must be a list."), code="invalidValue")
    ids = []
    for entry in values:
        raw = entry.get("value") if isinstance(entry, dict) else None
        if not str(raw or "").isdigit() or len(str(raw)) > 18:
            raise ScimInvalid(_("A member's value must be a User id."), code="invalidValue")
        ids.append(int(raw))
    return ids


_MEMBER_PATH = re.compile(r'^members\[value eq "(\d{1,18})"\]$', re.IGNORECASE)


def member_path_id(path: str) -> int | None:
    """``members[value eq "12"]`` (Entra ID's remove) → 12; else None."""
    match = _MEMBER_PATH.match(path.strip())
    return int(match.group(1)) if match else None


# --- discovery --------------------------------------------------------------------------


def service_provider_config(*, documentation_uri: str) -> dict:
    return {
        "schemas": [SPC_SCHEMA],
        "documentationUri": documentation_uri,
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": True, "maxResults": MAX_RESULTS},
        "changePassword": {"supported": False},
        "sort": {"supported": False},
        "etag": {"supported": False},
        "authenticationSchemes": [
            {
                "type": "oauthbearertoken",
                "name": "OAuth Bearer Token",
                "description": "The secret token in SCIM_BEARER_TOKEN, sent as Authorization: Bearer <token>.",
                "primary": True,
            }
        ],
        "meta": {"resourceType": "ServiceProviderConfig"},
    }


def resource_types(*, base_url: str) -> list[dict]:
    return [
        {
            "schemas": [RESOURCE_TYPE_SCHEMA],
            "id": "User",
            "name": "User",
            "endpoint": "/Users",
            "schema": USER_SCHEMA,
            "schemaExtensions": [{"schema": ENTERPRISE_SCHEMA, "required": False}],
            "meta": {"resourceType": "ResourceType", "location": f"{base_url}/ResourceTypes/User"},
        },
        {
            "schemas": [RESOURCE_TYPE_SCHEMA],
            "id": "Group",
            "name": "Group",
            "endpoint": "/Groups",
            "description": "Departments",
            "schema": GROUP_SCHEMA,
            "meta": {"resourceType": "ResourceType", "location": f"{base_url}/ResourceTypes/Group"},
        },
    ]


def _attribute(name: str, kind: str = "string", **extra) -> dict:
    return {
        "name": name,
        "type": kind,
        "multiValued": False,
        "required": False,
        "caseExact": False,
        "mutability": "readWrite",
        "returned": "default",
        "uniqueness": "none",
        **extra,
    }


def schemas(*, base_url: str) -> list[dict]:
    """The attributes we keep, per schema (RFC 7643 §7)."""
    sub = {"type": "complex", "multiValued": True}
    definitions = [
        (
            USER_SCHEMA,
            "User",
            [
                _attribute("userName", required=True, uniqueness="server"),
                _attribute(
                    "name",
                    "complex",
                    subAttributes=[_attribute("givenName"), _attribute("familyName"), _attribute("formatted")],
                ),
                _attribute("displayName"),
                _attribute("active", "boolean"),
                _attribute("externalId", caseExact=True),
                _attribute("emails", **sub, subAttributes=[_attribute("value"), _attribute("type")]),
                _attribute("addresses", **sub, subAttributes=[_attribute("locality"), _attribute("type")]),
            ],
        ),
        (ENTERPRISE_SCHEMA, "EnterpriseUser", [_attribute("department")]),
        (
            GROUP_SCHEMA,
            "Group",
            [
                _attribute("displayName", required=True, uniqueness="server"),
                _attribute("members", **sub, subAttributes=[_attribute("value")]),
            ],
        ),
    ]
    return [
        {
            "schemas": [SCHEMA_SCHEMA],
            "id": schema_id,
            "name": name,
            "attributes": attributes,
            "meta": {"resourceType": "Schema", "location": f"{base_url}/Schemas/{schema_id}"},
        }
        for schema_id, name, attributes in definitions
    ]
