"""``GET /api/v1/me/points/``: my points ledger; and my standing for ``/api/v1/me/``."""

from django.utils.translation import get_language
from rest_framework import mixins, serializers, viewsets

from gamification.models import PointsEntry
from gamification.selectors.points import points_history, standing


class PointsEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = PointsEntry
        fields = ["id", "action", "ref", "points", "occurred_at", "label", "url", "reason"]


class PointsViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """My points ledger, newest first: why did I get these points?"""

    serializer_class = PointsEntrySerializer
    queryset = PointsEntry.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PointsEntry.objects.none()
        return points_history(member=self.request.user)


def standing_for(request) -> dict:
    """The signed-in member's points, level and streak, in their language."""
    return standing(member=request.user, language=request.user.language or get_language())
