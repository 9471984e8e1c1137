"""Points and leaderboards API. Any signed-in member; Masters see hidden members."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from . import leaderboards, selectors
from .models import PointsEntry


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
        return selectors.points_history(member=self.request.user)


BoardMember = inline_serializer(
    "BoardMember", {"id": serializers.IntegerField(allow_null=True), "name": serializers.CharField()}
)
BoardRow = inline_serializer(
    "BoardRow", {"rank": serializers.IntegerField(), "member": BoardMember, "points": serializers.IntegerField()}
)
BoardResponse = inline_serializer(
    "Board",
    {
        "board": serializers.CharField(),
        "period": serializers.CharField(),
        "results": BoardRow.__class__(many=True),
        "me": inline_serializer(
            "BoardMe",
            {
                "rank": serializers.IntegerField(),
                "points": serializers.IntegerField(),
                "neighbours": BoardRow.__class__(many=True),
            },
            allow_null=True,
        ),
    },
)


class LeaderboardView(APIView):
    """A board's top 10 and me with my neighbours. ``board``: all, department-<id>,
    location-<id>, challenge-<id>, prize-<id>."""

    @extend_schema(
        parameters=[OpenApiParameter("period", str, enum=list(leaderboards.PERIODS), required=False)],
        responses={200: BoardResponse},
    )
    def get(self, request, board):
        period = request.query_params.get("period", "all")
        if period not in leaderboards.PERIODS:
            return Response(
                {"detail": _("period must be one of: %(periods)s.") % {"periods": ", ".join(leaderboards.PERIODS)}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            key = leaderboards.parse_board(board)
        except leaderboards.UnknownBoard:
            return Response({"detail": _("No such board.")}, status=status.HTTP_404_NOT_FOUND)
        try:
            payload = leaderboards.board_payload(key, period, viewer=request.user)
        except leaderboards.UnknownBoard:
            return Response({"detail": _("No such board.")}, status=status.HTTP_404_NOT_FOUND)
        payload.pop("neighbourhood", None)
        return Response(payload)


def standing_for(request) -> dict:
    return selectors.standing(member=request.user, language=request.user.language or get_language())
