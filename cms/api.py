"""API plumbing shared by every app: pagination and JSON errors."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import exception_handler as drf_exception_handler


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100


def exception_handler(exc, context):
    """DRF's handler, plus: every error body has a ``detail`` message a person can read."""
    if isinstance(exc, Http404):
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
    return response


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
