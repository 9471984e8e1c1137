"""What sharing brought, through the API (docs/outcomes.md).

- ``POST /conversions/``: server-to-server from the organisation's own sites, no session and
  no CSRF: the body is signed with HMAC-SHA256 (``X-Signature``, hex or ``sha256=<hex>``)
  with ``CONVERSIONS_SECRET``. Unset secret → 503 ``conversions_not_configured``; a wrong or
  missing signature → 401 ``bad_signature`` and nothing stored; 201 new, 200 a retry.
- ``PATCH /shares/{id}/``: the member's self-reported results of their own share (others 404).
"""

import json

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import InvalidInput
from core.throttling import ScopedRateThrottle

from ..services import outcomes as outcome_services


class ConversionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    link = serializers.CharField(source="link.code", allow_null=True, default=None)
    kind = serializers.CharField()
    value = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    occurred_at = serializers.DateTimeField()
    external_id = serializers.CharField()
    received_at = serializers.DateTimeField()


class _RawBody(BaseParser):
    """Leaves the body alone: the signature is over the raw bytes, read by the view."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        return {}


class NotConfigured(exceptions.APIException):
    status_code = 503
    default_code = "conversions_not_configured"


class ConversionView(APIView):
    """A conversion on a tracked link, reported by the organisation's own site."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "conversions"
    parser_classes = [_RawBody]

    @extend_schema(
        auth=[],
        parameters=[
            OpenApiParameter(
                "X-Signature",
                str,
                OpenApiParameter.HEADER,
                required=True,
                description="HMAC-SHA256 of the raw body with CONVERSIONS_SECRET, hex (or `sha256=<hex>`).",
            )
        ],
        request=inline_serializer(
            "ConversionIn",
            {
                "link": serializers.CharField(help_text="The tracked link's code (the part after /s/)."),
                "kind": serializers.ChoiceField(["lead", "application", "hire", "registration", "sale", "other"]),
                "value": serializers.DecimalField(max_digits=12, decimal_places=2, required=False),
                "occurred_at": serializers.DateTimeField(),
                "external_id": serializers.CharField(max_length=200),
            },
        ),
        responses={200: ConversionSerializer, 201: ConversionSerializer},
        description="201: stored; 200: the same conversion sent again (idempotent on `external_id`); "
        "401 `bad_signature`: nothing stored; 404 `unknown_link`; 409 `external_id_conflict`; "
        "503 `conversions_not_configured`.",
    )
    def post(self, request):
        secret = getattr(settings, "CONVERSIONS_SECRET", "")
        if not secret:
            raise NotConfigured(_("Conversions are not set up on this installation."))
        body = request.body
        header = request.headers.get("X-Signature", "")
        if not outcome_services.signature_matches(body=body, header=header, secret=secret):
            raise exceptions.AuthenticationFailed(_("The signature does not match the body."), code="bad_signature")
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise InvalidInput(_("The body must be a JSON object."), code="malformed") from None
        conversion, created = outcome_services.record_conversion(payload=payload)
        return Response(
            ConversionSerializer(conversion).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )

    def get_authenticate_header(self, request):
        return 'HMAC-SHA256 header="X-Signature"'


class ShareResultsSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    story = serializers.IntegerField(source="story_id")
    network = serializers.CharField()
    created_at = serializers.DateTimeField()
    post_url = serializers.CharField()
    reactions = serializers.IntegerField(allow_null=True)
    comments = serializers.IntegerField(allow_null=True)
    reposts = serializers.IntegerField(allow_null=True)
    results_reported_at = serializers.DateTimeField(allow_null=True)
    self_reported = serializers.SerializerMethodField()

    def get_self_reported(self, share) -> bool:
        return True


class ShareResultsView(APIView):
    """The member's own share: what their post did, as they report it (self-reported)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=inline_serializer(
            "ShareResultsIn",
            {
                "post_url": serializers.URLField(required=False, allow_blank=True),
                "reactions": serializers.IntegerField(min_value=0, required=False, allow_null=True),
                "comments": serializers.IntegerField(min_value=0, required=False, allow_null=True),
                "reposts": serializers.IntegerField(min_value=0, required=False, allow_null=True),
            },
        ),
        responses=ShareResultsSerializer,
    )
    def patch(self, request, pk):
        data = request.data
        if not isinstance(data, dict):
            raise InvalidInput(_("The body must be a JSON object."), code="malformed")
        fields = {k: data[k] for k in ("post_url", "reactions", "comments", "reposts") if k in data}
        if "post_url" in fields and not isinstance(fields["post_url"], (str, type(None))):
            raise InvalidInput(_("post_url: Enter the full link to your post."), code="invalid_post_url")
        share = outcome_services.report_share_results(member=request.user, share_id=pk, **fields)
        return Response(ShareResultsSerializer(share).data)
