"""The strategy API.

- ``GET /calendar/?month=YYYY-MM``: the content calendar (inhaakkalender), any signed-in member.
- ``GET /strategy/goals/``: the active goals with their key messages, any signed-in member
  (Masters write them in the admin).
- ``GET /guidelines/current/``, ``POST /guidelines/{id}/accept/``: the social media guidelines,
  any signed-in member.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.dates import parse_month
from core.errors import InvalidInput, NotFound

from .. import selectors, services


class CalendarEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(source="display_title")
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True)
    suggested_angle = serializers.CharField()
    challenge_id = serializers.IntegerField(allow_null=True)


class ContentCalendarView(APIView):
    """The content calendar (inhaakkalender) for one month. Any signed-in member."""

    @extend_schema(
        parameters=[OpenApiParameter("month", str, description="YYYY-MM; default: this month.")],
        responses=inline_serializer(
            "CalendarMonth",
            {"month": serializers.CharField(), "entries": CalendarEntrySerializer(many=True)},
        ),
    )
    def get(self, request):
        value = request.query_params.get("month")
        if value:
            month = parse_month(value)
            if month is None:
                raise InvalidInput(_("month must look like 2026-05 (YYYY-MM)."))
        else:
            month = parse_month(timezone.localdate().strftime("%Y-%m"))
        first, last = month
        entries = selectors.calendar_entries(first=first, last=last)
        return Response({"month": first.strftime("%Y-%m"), "entries": CalendarEntrySerializer(entries, many=True).data})


class KeyMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="display_name")


class GoalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="display_name")
    kind = serializers.CharField()
    measure = serializers.CharField()
    target = serializers.IntegerField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    messages = KeyMessageSerializer(many=True)


class GoalsView(APIView):
    """The organisation's active goals and the key messages serving each. Any signed-in member."""

    @extend_schema(responses=GoalSerializer(many=True))
    def get(self, request):
        return Response(GoalSerializer(selectors.goals_with_messages(), many=True).data)


class GuidelinesSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(source="display_title")
    body = serializers.CharField(source="display_body", help_text="HTML.")
    published_at = serializers.DateTimeField()
    checks = inline_serializer(
        "GuidelinesCheck",
        {"key": serializers.CharField(), "text": serializers.CharField()},
        many=True,
        source="check_list",
    )
    accepted = serializers.SerializerMethodField()

    def get_accepted(self, obj) -> bool:
        return selectors.has_accepted(member=self.context["request"].user, guidelines=obj)


ERROR = inline_serializer("GuidelinesError", {"detail": serializers.CharField(), "code": serializers.CharField()})


class CurrentGuidelinesView(APIView):
    """The current social media guidelines and whether I accepted them; 404
    ``guidelines_not_found`` while none are published. Any signed-in member."""

    @extend_schema(
        responses={
            200: GuidelinesSerializer,
            404: OpenApiResponse(ERROR, description="No guidelines are published (`guidelines_not_found`)."),
        }
    )
    def get(self, request):
        guidelines = selectors.current_guidelines()
        if guidelines is None:
            raise NotFound(_("No guidelines have been published."), code="guidelines_not_found")
        return Response(GuidelinesSerializer(guidelines, context={"request": request}).data)


class AcceptGuidelinesView(APIView):
    """Accept a published version of the guidelines (again: no change, 200 instead of 201).
    Any signed-in member."""

    @extend_schema(request=None, responses={201: GuidelinesSerializer, 200: GuidelinesSerializer})
    def post(self, request, pk: int):
        guidelines = selectors.published_guidelines(pk=pk)
        if guidelines is None:
            raise NotFound(_("These guidelines are not published."), code="guidelines_not_found")
        _acceptance, created = services.accept_guidelines(member=request.user, guidelines=guidelines)
        data = GuidelinesSerializer(guidelines, context={"request": request}).data
        return Response(data, status=201 if created else 200)
