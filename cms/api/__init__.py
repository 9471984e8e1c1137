"""The site's API. Here the plumbing every app's API shares (pagination, JSON errors,
schema hooks); beside it the endpoints cms assembles from several apps (``me``, ``privacy``).
Routes: ``cms.api_urls``."""

import re

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import exception_handler as drf_exception_handler

from core import busy
from core.errors import ServiceError


@csrf_exempt  # answers every method with a JSON 404; there is nothing to protect
def not_found(request, *args, **kwargs):
    """Any path under /api/v1/ that no endpoint serves: JSON, like every API error."""
    return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)


class Pagination(PageNumberPagination):
    """Pages from 1; a page number that is not a whole number from 1 is a 400 (``page`` in
    ``codes``), a page past the last a 404 ``not_found``: both documented in the schema."""

    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_number(self, request, paginator):
        number = super().get_page_number(request, paginator)
        if number in self.last_page_strings:
            return number
        if not re.fullmatch(r"[0-9]+", str(number)) or int(number) < 1:
            raise exceptions.ValidationError(
                {self.page_query_param: [_("A page number is a whole number from 1.")]}, code="invalid_page"
            )
        return number

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters


# --- Errors: the one place an exception becomes an API answer ----------------------------
# Every error body is {"detail": <message for people, translated>, "code": <for programs>};
# invalid fields add "errors" (the messages per field, DRF's shape) and "codes" (the codes in
# the same shape). To give another kind of exception an answer, map it in api_exception().


def exception_handler(exc, context):
    """DRF's handler, plus: a service's refusal answers with its status, message and code;
    every error body has ``detail`` and ``code`` (``ERROR_SCHEMA``); every 503 says when to
    try again (``Retry-After``)."""
    exc = api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = error_body(exc, response.data)
        if response.status_code == 503:
            response.setdefault("Retry-After", str(busy.RETRY_AFTER_SECONDS))
    return response


def api_exception(exc):
    """The DRF exception that answers ``exc``: a ServiceError (core.errors, with its status and
    code: 400, 403, 404, 409, 503 ``busy``…), Django's Http404 and PermissionDenied; any other
    exception as it is (DRF answers its own, the rest is a 500). No database connection free
    in time (the pool's timeout) is ``Busy``."""
    if busy.pool_exhausted(exc):
        exc = busy.busy()
    if isinstance(exc, ServiceError):
        answer = exceptions.APIException(detail=str(exc.message), code=exc.code)
        answer.status_code = exc.status_code
        return answer
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    return exc


def error_body(exc, data) -> dict:
    """DRF's error data in the one shape: a message gets its code beside it (a body that has a
    code of its own keeps it); field errors get a summary message, ``invalid``, and their codes."""
    codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
    if isinstance(data, dict) and "detail" in data:
        body = dict(data)
        body.setdefault("code", codes if isinstance(codes, str) else getattr(exc, "default_code", "error"))
        return body
    if isinstance(data, (dict, list)):  # field errors, or a list of messages
        return {"detail": _first_message(data), "code": "invalid", "errors": data, "codes": codes}
    return {"detail": str(data), "code": codes if isinstance(codes, str) else "error"}


def _first_message(data):
    if isinstance(data, dict):
        for key, value in data.items():
            message = _first_message(value)
            return message if key == "non_field_errors" else f"{key}: {message}"
    if isinstance(data, list) and data:
        return _first_message(data[0])
    return str(data)


def only_public_api(endpoints):
    """Schema preprocessing hook: document our API, not Wagtail's internal admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "What is wrong, for people (in the member's language)."},
        "code": {
            "type": "string",
            "description": "What is wrong, for programs: `invalid` for invalid fields, `not_authenticated`, "
            "`permission_denied`, `not_found`, `throttled`, `busy`, or the refusal's own (`course_locked`…).",
        },
        "errors": {"description": "Invalid fields: the messages per field (or per line)."},
        "codes": {"description": "Invalid fields: the codes per field, in the shape of `errors`."},
    },
    "required": ["detail", "code"],
}
ERROR_DESCRIPTIONS = {
    "400": "Invalid input; `detail` says what is wrong.",
    "401": "Not signed in.",
    "403": "Not allowed (role, or a locked course); `detail` says why.",
    "404": "No such object (in the path, or named in the body), or not visible to you; or a page past the last.",
    "409": "Not possible in the current state; `detail` says why.",
    "415": "The body is not in a content type this operation takes.",
    "429": "Too many requests; try again later.",
    "503": "Busy (`busy`); try again in a moment.",
}


def optional_bodies_of_several_types(result, generator, request, public):
    """Schema postprocessing hook: a request body offered in several content types (JSON, or
    multipart where files travel) is documented as optional. openapi-python-client 0.29 types
    such a body as ``A | B | Unset`` but imports ``Unset`` only for optional bodies, so a required
    one gives a client module that does not import. Leaving the body out answers 400 all the
    same: the serializer names the missing fields."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            body = operation.get("requestBody") if isinstance(operation, dict) else None
            if body and len(body.get("content", {})) > 1:
                body.pop("required", None)
    return result


def document_error_responses(result, generator, request, public):
    """Schema postprocessing hook: every operation documents the JSON errors it can give."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            codes = ["401", "403", "429", "503"]
            if method in ("post", "put", "patch") or operation.get("parameters"):
                codes.append("400")
            named = "{" in path or "requestBody" in operation
            if named or any(p.get("name") == "page" for p in operation.get("parameters", [])):
                codes.append("404")
            if method == "post":
                codes.append("409")
            if "requestBody" in operation:
                codes.append("415")
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code, {"description": ERROR_DESCRIPTIONS[code], "content": {"application/json": {"schema": ref}}}
                )
    return result
