"""SCIM 2.0 provisioning at ``/scim/v2/`` (RFC 7643/7644): the organisation's identity
provider (Entra ID, Okta, Google Workspace through a connector) creates, changes, switches
off and deletes members, and keeps departments as groups. ``people.scim`` says which part of
the protocol we speak and why it is our own; ``docs/identity.md`` how to connect an IdP.

Who may use it: only the IdP, with ``Authorization: Bearer <SCIM_BEARER_TOKEN>``. Without
that setting SCIM is switched off and every address answers 404; a missing or wrong token
answers 401 with ``WWW-Authenticate: Bearer``. A signed-in member (session or API token) is
no one here, a Master neither. Errors are RFC 7644 error objects, with ``detail`` and
``code`` (the ``scimType``) as every API error has."""

import hmac

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import NotFound, ServiceError
from core.parsers import JSONParser  # with the nesting limit

from .. import scim, selectors
from ..services import provisioning


class ScimClient:
    """The identity provider, once its bearer token is checked (not a member)."""

    is_authenticated = True
    is_active = True
    pk = None


class ScimBearerAuthentication(BaseAuthentication):
    """``Authorization: Bearer <SCIM_BEARER_TOKEN>``, compared in constant time."""

    def authenticate(self, request):
        scheme, _space, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
        if scheme.lower() != "bearer":
            return None
        expected = settings.SCIM_BEARER_TOKEN
        if not expected or not hmac.compare_digest(token.strip().encode(), expected.encode()):
            raise exceptions.AuthenticationFailed(_("The SCIM bearer token is not correct."))
        return ScimClient(), None

    def authenticate_header(self, request):
        return 'Bearer realm="scim"'


class IsScimClient(BasePermission):
    def has_permission(self, request, view):
        return isinstance(request.user, ScimClient)


class ScimJSONParser(JSONParser):
    media_type = "application/scim+json"


class ScimJSONRenderer(JSONRenderer):
    media_type = "application/scim+json"


def scim_exception_handler(exc, context):
    """Every refusal as an RFC 7644 error object (``detail``, ``status``, ``scimType``, ``code``)."""
    if isinstance(exc, Http404):
        exc = NotFound(_("Not found."))
    if isinstance(exc, ServiceError):
        return Response(
            scim.error_body(status=exc.status_code, detail=str(exc.message), scim_type=exc.code), status=exc.status_code
        )
    if isinstance(exc, exceptions.APIException):
        headers = {}
        if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
            headers["WWW-Authenticate"] = 'Bearer realm="scim"'
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        code = "invalidSyntax" if isinstance(exc, exceptions.ParseError) else None
        body = scim.error_body(status=exc.status_code, detail=str(detail), scim_type=code)
        if code is None:
            body["code"] = exc.default_code
        return Response(body, status=exc.status_code, headers=headers)
    return None


class ScimView(APIView):
    """The shared plumbing: bearer token, SCIM media types, SCIM errors, off without a token."""

    authentication_classes = [ScimBearerAuthentication]
    permission_classes = [IsScimClient]
    throttle_classes = []
    parser_classes = [ScimJSONParser, JSONParser]
    renderer_classes = [ScimJSONRenderer, JSONRenderer]
    schema = None  # not part of the /api/v1/ OpenAPI document

    def initial(self, request, *args, **kwargs):
        if not settings.SCIM_BEARER_TOKEN:
            raise Http404
        super().initial(request, *args, **kwargs)

    def get_exception_handler(self):
        return scim_exception_handler

    def base_url(self) -> str:
        return self.request.build_absolute_uri("/scim/v2").rstrip("/")


# --- discovery --------------------------------------------------------------------------


class ServiceProviderConfigView(ScimView):
    """What this service provider supports (RFC 7644 §4). The IdP only."""

    def get(self, request):
        return Response(scim.service_provider_config(documentation_uri=settings.BASE_URL + "/api/docs/"))


class ResourceTypesView(ScimView):
    """Users and Groups (departments). The IdP only."""

    def get(self, request, name=None):
        types = scim.resource_types(base_url=self.base_url())
        if name is None:
            return Response(scim.list_response(types, total=len(types), start_index=1))
        for resource_type in types:
            if resource_type["id"] == name:
                return Response(resource_type)
        raise NotFound(_("Not found."))


class SchemasView(ScimView):
    """The attributes we keep, per schema. The IdP only."""

    def get(self, request, schema_id=None):
        found = scim.schemas(base_url=self.base_url())
        if schema_id is None:
            return Response(scim.list_response(found, total=len(found), start_index=1))
        for schema in found:
            if schema["id"] == schema_id:
                return Response(schema)
        raise NotFound(_("Not found."))


# --- users ------------------------------------------------------------------------------


class UsersView(ScimView):
    """List and filter (``userName eq "…"``) members; create one (POST). The IdP only."""

    def get(self, request):
        filter_by = scim.parse_filter(request.query_params.get("filter"), allowed={"username", "externalid", "id"})
        start, count = scim.page_arguments(request.query_params)
        members = selectors.provisioned_members(filter_by=filter_by)
        total = members.count()
        page = list(members[start - 1 : start - 1 + count]) if count else []
        resources = [scim.user_resource(m, base_url=self.base_url()) for m in page]
        return Response(scim.list_response(resources, total=total, start_index=start))

    def post(self, request):
        changes = scim.changes_from_resource(request.data, replace=False)
        member, _created = provisioning.provision_member(changes=changes)
        member = selectors.provisioned_member(member_id=str(member.pk))
        return Response(scim.user_resource(member, base_url=self.base_url()), status=status.HTTP_201_CREATED)


class UserView(ScimView):
    """One member: read, replace (PUT), change (PATCH), delete (switch off, data kept). The IdP only."""

    def get_member(self, member_id: str):
        member = selectors.provisioned_member(member_id=member_id)
        if member is None:
            raise NotFound(_("Not found."))
        return member

    def respond(self, member):
        member = selectors.provisioned_member(member_id=str(member.pk))
        return Response(scim.user_resource(member, base_url=self.base_url()))

    def get(self, request, member_id):
        return self.respond(self.get_member(member_id))

    def put(self, request, member_id):
        member = self.get_member(member_id)
        changes = scim.changes_from_resource(request.data, replace=True)
        return self.respond(provisioning.update_member(member=member, changes=changes))

    def patch(self, request, member_id):
        member = self.get_member(member_id)
        changes = scim.changes_from_patch(request.data)
        return self.respond(provisioning.update_member(member=member, changes=changes))

    def delete(self, request, member_id):
        provisioning.deprovision_member(member=self.get_member(member_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- groups (departments) ---------------------------------------------------------------


def _wants_members(request) -> bool:
    excluded = request.query_params.get("excludedAttributes", "")
    return "members" not in {a.strip().lower() for a in excluded.split(",")}


class GroupsView(ScimView):
    """List and filter (``displayName eq "…"``) departments; create one (POST). The IdP only."""

    def get(self, request):
        filter_by = scim.parse_filter(request.query_params.get("filter"), allowed={"displayname", "externalid", "id"})
        start, count = scim.page_arguments(request.query_params)
        units = selectors.departments(filter_by=filter_by)
        total = units.count()
        page = list(units[start - 1 : start - 1 + count]) if count else []
        members = (
            selectors.department_member_ids(department_ids=[d.pk for d in page]) if _wants_members(request) else {}
        )
        resources = [
            scim.group_resource(d, member_ids=members.get(d.pk) if members else None, base_url=self.base_url())
            for d in page
        ]
        return Response(scim.list_response(resources, total=total, start_index=start))

    def post(self, request):
        data = request.data if isinstance(request.data, dict) else {}
        department = provisioning.create_department(
            name=str(data.get("displayName") or ""), member_ids=scim.member_ids(data.get("members"))
        )
        ids = selectors.department_member_ids(department_ids=[department.pk])[department.pk]
        return Response(
            scim.group_resource(department, member_ids=ids, base_url=self.base_url()), status=status.HTTP_201_CREATED
        )


class GroupView(ScimView):
    """One department: read, replace (PUT), change (PATCH: name, members), delete (its
    members leave it; the department stays for history). The IdP only."""

    def get_department(self, group_id: str):
        department = selectors.departments(filter_by=("id", group_id)).first()
        if department is None:
            raise NotFound(_("Not found."))
        return department

    def respond(self, department, request):
        ids = selectors.department_member_ids(department_ids=[department.pk])[department.pk]
        return Response(
            scim.group_resource(
                department, member_ids=ids if _wants_members(request) else None, base_url=self.base_url()
            )
        )

    def get(self, request, group_id):
        return self.respond(self.get_department(group_id), request)

    def put(self, request, group_id):
        department = self.get_department(group_id)
        data = request.data if isinstance(request.data, dict) else {}
        if data.get("displayName"):
            provisioning.rename_department(department=department, name=str(data["displayName"]))
        provisioning.set_department_members(department=department, replace=scim.member_ids(data.get("members")))
        return self.respond(department, request)

    def patch(self, request, group_id):
        department = self.get_department(group_id)
        for op, path, value in scim.patch_operations(request.data):
            self.apply(department, op, path, value)
        return self.respond(department, request)

    def apply(self, department, op, path, value):
        lower = (path or "").lower()
        if path is None and isinstance(value, dict):
            for key, inner in value.items():
                if key.lower() in ("displayname", "members"):
                    self.apply(department, op, key, inner)
        elif lower == "displayname" and op != "remove":
            provisioning.rename_department(department=department, name=str(value or ""))
        elif lower == "members":
            ids = scim.member_ids(value)
            if op == "add":
                provisioning.set_department_members(department=department, add=ids)
            elif op == "replace":
                provisioning.set_department_members(department=department, replace=ids)
            elif value is None:
                provisioning.set_department_members(department=department, replace=[])
            else:
                provisioning.set_department_members(department=department, remove=ids)
        elif op == "remove" and scim.member_path_id(path or "") is not None:
            provisioning.set_department_members(department=department, remove=[scim.member_path_id(path)])
        else:
            raise scim.ScimInvalid(_("Unsupported group operation."), code="invalidPath")

    def delete(self, request, group_id):
        provisioning.release_department(department=self.get_department(group_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
