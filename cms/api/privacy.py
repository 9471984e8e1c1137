"""``/api/v1/me/export/`` and ``/api/v1/me/erase/``: a member's own data (all apps)."""

from django.contrib.auth import logout
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.services import privacy
from core.throttling import ScopedRateThrottle


class MyDataExportView(APIView):
    """Download everything the platform holds about me, as JSON. Any signed-in member,
    about themselves only."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        data = privacy.export_member_data(member=request.user, by=request.user)
        response = Response(data)
        response["Content-Disposition"] = 'attachment; filename="my-social-shift-data.json"'
        return response


class EraseMeSerializer(serializers.Serializer):
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})


class EraseMeView(APIView):
    """Erase my personal data: my account is anonymised and switched off, my name leaves
    every leaderboard; counts stay. Any signed-in member; confirm with your password."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    @extend_schema(
        request=EraseMeSerializer,
        responses={200: inline_serializer("Erased", {"detail": serializers.CharField()})},
    )
    def post(self, request):
        serializer = EraseMeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member = request.user
        privacy.erase_member(member=member, by=member, password=serializer.validated_data["password"])
        if hasattr(request, "session"):
            logout(request._request)
        return Response({"detail": _("Your personal data has been erased.")})
