"""The site's API. Here the plumbing every app's API shares (pagination, JSON errors,
schema hooks); beside it the endpoints cms assembles from several apps (``me``, ``privacy``).
Routes: ``cms.api_urls``."""

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
    return JsonResponse({"detail": _("Not found.")}, status=404)


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100


def exception_handler(exc, context):
    """DRF's handler, plus: a service's refusal answers with its status and message, and
    every error body has a ``detail`` message a person can read. No database connection free
    in time is ``Busy`` too, and every 503 says when to try again (``Retry-After``)."""
    if busy.pool_exhausted(exc):
        exc = busy.busy()
    original = exc
    if isinstance(exc, ServiceError):
        exc = exceptions.APIException(detail=str(exc.message), code=original.code)
        exc.status_code = original.status_code
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if (
        response is not None
        and isinstance(response.data, dict)
        and "detail" not in response.data
        or response is not None
        and isinstance(response.data, list)
    ):
        response.data = {"detail": _first_message(response.data), "errors": response.data}
    if response is not None and isinstance(response.data, dict) and "code" not in response.data:
        response.data["code"] = _code(original, exc)
    if response is not None and response.status_code == 503:
        response.setdefault("Retry-After", str(busy.RETRY_AFTER_SECONDS))
    return response


def _code(original, exc) -> str:
    """A machine-readable code beside every message: the service's own, else DRF's."""
    if isinstance(original, ServiceError):
        return original.code
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    return getattr(exc, "default_code", "error")


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
    "properties": {"detail": {"type": "string"}, "errors": {}},
    "required": ["detail"],
}
ERROR_DESCRIPTIONS = {
    "400": "Invalid input; `detail` says what is wrong.",
    "401": "Not signed in.",
    "403": "Not allowed (role, or a locked course); `detail` says why.",
    "404": "No such object, or not visible to you.",
    "409": "Not possible in the current state; `detail` says why.",
    "429": "Too many requests; try again later.",
}


def document_error_responses(result, generator, request, public):
    """Schema postprocessing hook: every operation documents the JSON errors it can give."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            codes = ["401", "403", "429"]
            if method in ("post", "put", "patch") or operation.get("parameters"):
                codes.append("400")
            if "{" in path:
                codes.append("404")
            if method == "post":
                codes.append("409")
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code, {"description": ERROR_DESCRIPTIONS[code], "content": {"application/json": {"schema": ref}}}
                )
    return result
