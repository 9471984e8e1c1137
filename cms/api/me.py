"""``/api/v1/me/``: the member (people) with their points, level and streak (gamification).
Assembled here because people may not depend on gamification."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from gamification.api.points import standing_for
from people import api as people_api
from strategy import selectors as strategy_selectors

Level = inline_serializer(
    "Level",
    {
        "number": serializers.IntegerField(),
        "name": serializers.CharField(),
        "points_to_next": serializers.IntegerField(allow_null=True),
        "next_threshold": serializers.IntegerField(allow_null=True),
    },
    allow_null=True,
)
Streak = inline_serializer("Streak", {"current": serializers.IntegerField(), "longest": serializers.IntegerField()})


class MeSerializer(people_api.MemberSerializer):
    points = serializers.IntegerField(read_only=True)
    level = Level
    streak = Streak
    guidelines_accepted = serializers.BooleanField(
        read_only=True, help_text="Accepted the current social media guidelines (true while none are published)."
    )

    class Meta(people_api.MemberSerializer.Meta):
        fields = [*people_api.MemberSerializer.Meta.fields, "points", "level", "streak", "guidelines_accepted"]


class MeView(people_api.MeView):
    """The signed-in member with points, level and streak. Any signed-in member."""

    serializer_class = MeSerializer

    def with_standing(self, request, data):
        accepted = strategy_selectors.guidelines_accepted(member=request.user)
        return {**data, **standing_for(request), "guidelines_accepted": accepted}

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(self.with_standing(request, super().get(request).data))

    @extend_schema(request=people_api.MemberSerializer, responses=MeSerializer)
    def patch(self, request):
        response = super().patch(request)
        if response.status_code != 200:
            return response
        return Response(self.with_standing(request, response.data))
