"""``GET /api/v1/prizes/`` and ``/api/v1/prizes/{id}/``: the "best social media user" prize
periods with their published rules, winners and (detail) standings. Any signed-in member;
names follow the leaderboard rule (anonymous members stay anonymous, Masters see all).
The live board is ``GET /api/v1/leaderboards/prize-<id>/``."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.permissions import IsAuthenticated

from gamification.models import PrizePeriod
from gamification.selectors import prizes


class PrizeMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()


class PrizeWinnerSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    member = PrizeMemberSerializer()
    score = serializers.IntegerField()
    motivation = serializers.CharField()
    tie = serializers.BooleanField(help_text="Shares the place with another winner.")


class StandingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    member = PrizeMemberSerializer()
    score = serializers.IntegerField()
    me = serializers.BooleanField()


class StandingsSerializer(serializers.Serializer):
    results = StandingRowSerializer(many=True)
    me = StandingRowSerializer(allow_null=True)


class DepartmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PrizeSerializer(serializers.ModelSerializer):
    formula = serializers.DictField(child=serializers.IntegerField(), help_text="Points per action in the period.")
    departments = DepartmentSerializer(many=True, help_text="Eligible departments; empty: everyone.")
    tie_break = serializers.SerializerMethodField()
    winners = serializers.SerializerMethodField()

    class Meta:
        model = PrizePeriod
        fields = [
            "id",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "status",
            "formula",
            "nomination_weight",
            "departments",
            "winners_count",
            "jury",
            "tie_break",
            "winners",
        ]

    def get_tie_break(self, period) -> str:
        return str(prizes.TIE_BREAK)

    @extend_schema_field(PrizeWinnerSerializer(many=True))
    def get_winners(self, period):
        return prizes.winners_of(period, viewer=self.context["request"].user)


class PrizeDetailSerializer(PrizeSerializer):
    standings = serializers.SerializerMethodField()

    class Meta(PrizeSerializer.Meta):
        fields = [*PrizeSerializer.Meta.fields, "standings"]

    @extend_schema_field(StandingsSerializer)
    def get_standings(self, period):
        """Top 10 and my place: live while the period is open, fixed afterwards."""
        board = prizes.board(period, viewer=self.context["request"].user)
        return {"results": board.results, "me": board.me}


@extend_schema(tags=["prizes"])
class PrizeViewSet(viewsets.ReadOnlyModelViewSet):
    """Prize periods, newest first, with the published formula, eligible departments,
    tie-break and winners; the detail adds the standings (top 10 and me)."""

    permission_classes = [IsAuthenticated]
    queryset = PrizePeriod.objects.none()

    def get_serializer_class(self):
        return PrizeDetailSerializer if self.action == "retrieve" else PrizeSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PrizePeriod.objects.none()
        periods = prizes.with_winners(PrizePeriod.objects.order_by("-starts_at", "-pk"))
        if self.action != "retrieve":
            periods = periods.defer("standings")
        return periods
