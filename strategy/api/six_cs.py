"""The 6 C's self-scan's API.

- ``GET /six-cs/``: the questions (any signed-in member);
- ``POST /six-cs/responses/``: ``{"answers": {"<question id>": 1..5}}``, every question once a
  quarter (201; 400 for a missing or wrong answer; 409 ``already_answered_this_quarter``);
- ``GET /reports/six-cs/?department=``: average per C and quarter, per department and for
  the organisation, groups under five pooled (HR, Masters; Activators their own department).
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import InvalidInput, NotAllowed
from core.small_groups import MIN_GROUP

from .. import policies
from ..models import SIX_C_ORDER
from ..selectors import six_cs as selectors
from ..services import six_cs as services


class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    c = serializers.CharField()
    text = serializers.CharField(source="display_text")


class SixCsView(APIView):
    """The self-scan's questions, and the quarter the member would answer for."""

    @extend_schema(
        responses=inline_serializer(
            "SixCsQuestions",
            {
                "questions": QuestionSerializer(many=True),
                "quarter": serializers.CharField(),
                "answered_this_quarter": serializers.BooleanField(),
            },
        )
    )
    def get(self, request):
        quarter = services.quarter_of(timezone.now())
        return Response(
            {
                "questions": QuestionSerializer(selectors.questions(), many=True).data,
                "quarter": quarter,
                "answered_this_quarter": selectors.answered_in(member_id=request.user.pk, quarter=quarter),
            }
        )


def _scores(scores) -> dict:
    return {c: scores.values.get(c) for c in SIX_C_ORDER}


class SixCsResponsesView(APIView):
    """Answer the self-scan (once per quarter)."""

    @extend_schema(
        request=inline_serializer("SixCsAnswers", {"answers": serializers.DictField(child=serializers.IntegerField())}),
        responses={
            201: inline_serializer(
                "SixCsResult", {"quarter": serializers.CharField(), "scores": serializers.DictField()}
            )
        },
    )
    def post(self, request):
        if not isinstance(request.data, dict) or "answers" not in request.data:
            raise InvalidInput(_('Send {"answers": {"<question id>": 1-5}}.'), code="invalid_answers")
        response = services.submit_response(member=request.user, answers=request.data["answers"])
        mine = dict(selectors.my_responses(member_id=request.user.pk))
        return Response(
            {"quarter": response.quarter, "scores": _scores(mine[response.quarter])}, status=status.HTTP_201_CREATED
        )


class SixCsReportView(APIView):
    """Average per C and quarter; groups under five pooled."""

    @extend_schema(
        parameters=[OpenApiParameter("department", int)],
        responses=inline_serializer(
            "SixCsReport",
            {
                "min_group": serializers.IntegerField(),
                "quarters": serializers.ListField(child=serializers.DictField()),
            },
        ),
    )
    def get(self, request):
        if not policies.can_see_six_cs_report(request.user):
            raise NotAllowed(_("The 6 C's report is for HR, Social Masters and Social Activators."))
        department = request.query_params.get("department") or None
        if department is not None:
            try:
                department = int(department)
            except ValueError:
                raise InvalidInput(_("department must be a number."), code="invalid_filter") from None
        scope = policies.six_cs_report_department(request.user)
        if scope is not None:
            if department not in (None, scope):
                raise NotAllowed(_("You see the report of your own department only."), code="own_department_only")
            department = scope
        quarters = selectors.report(department_id=department)
        return Response(
            {
                "min_group": MIN_GROUP,
                "quarters": [
                    {
                        "quarter": q.quarter,
                        "groups": [
                            {"key": g.key, "label": g.label, "respondents": g.respondents, "scores": _scores(g.scores)}
                            for g in q.groups
                        ],
                    }
                    for q in quarters
                ],
            }
        )
