"""``GET /api/v1/leaderboards/<board>/``: a board's top 10 and me with my neighbours."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from gamification.leaderboards.boards import parse_board
from gamification.leaderboards.periods import PERIODS, check_period
from gamification.selectors.boards import board_payload

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
    location-<id>, challenge-<id>, prize-<id>. An unknown period answers 400, an unknown
    board 404."""

    @extend_schema(
        parameters=[OpenApiParameter("period", str, enum=list(PERIODS), required=False)],
        responses={200: BoardResponse},
    )
    def get(self, request, board):
        period = check_period(request.query_params.get("period", "all"))
        payload = board_payload(parse_board(board), period, viewer=request.user)
        payload.pop("neighbourhood", None)
        return Response(payload)
