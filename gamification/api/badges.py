"""``GET /api/v1/badges/``: every badge with whether I earned it. Any signed-in member."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from gamification.models import BadgeCriterion
from gamification.selectors.badges import badge_overview


class BadgeSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="badge.pk")
    slug = serializers.SlugField(source="badge.slug")
    name = serializers.CharField(source="badge.display_name")
    description = serializers.CharField(source="badge.display_description")
    image_url = serializers.SerializerMethodField()
    criterion = serializers.ChoiceField(source="badge.criterion", choices=BadgeCriterion.choices)
    how_to_earn = serializers.CharField()
    earned = serializers.BooleanField()
    awarded_at = serializers.DateTimeField(allow_null=True)
    assertion_url = serializers.SerializerMethodField()
    credential_url = serializers.SerializerMethodField()

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    def get_image_url(self, row) -> str:
        return self._absolute(reverse("gamification:badge_class_image", args=[row.badge.pk]))

    def get_assertion_url(self, row) -> str | None:
        """The public page of my award (verifiable by anyone), or null."""
        return self._absolute(reverse("gamification:badge_assertion", args=[row.award.uuid])) if row.earned else None

    def get_credential_url(self, row) -> str | None:
        """My award as an Open Badges 3.0 credential (VC-JWT), or null."""
        return self._absolute(reverse("gamification:credential_jwt", args=[row.award.uuid])) if row.earned else None


class BadgeViewSet(viewsets.ViewSet):
    """All active badges (and retired ones I hold) with how to earn them, and whether I
    earned each: ``earned``, ``awarded_at``, ``assertion_url`` (my award's public,
    verifiable Open Badges page) and ``credential_url`` (the same award as a signed Open
    Badges 3.0 credential, ``application/vc+jwt``). A revoked award counts as not earned."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=BadgeSerializer(many=True))
    def list(self, request):
        rows = badge_overview(member=request.user)
        return Response(BadgeSerializer(rows, many=True, context={"request": request}).data)
