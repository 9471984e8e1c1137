"""The strategy API.

- ``GET /calendar/?month=YYYY-MM``: the content calendar (inhaakkalender), any signed-in member.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.dates import parse_month
from core.errors import InvalidInput

from . import selectors


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
