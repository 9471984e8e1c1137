"""``/api/v1/challenges/``: challenges for my audience; Masters and Activators launch and run them."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from core.errors import InvalidInput
from core.ids import id_from

from .. import policies, selectors, services
from ..models import Challenge, ChallengeState, open_at
from .serializers import ChallengeSerializer, ChallengeWriteSerializer


class ChallengeViewSet(viewsets.GenericViewSet):
    """Challenges for my audience; Masters and Activators launch and run them."""

    lookup_value_converter = "int"
    queryset = Challenge.objects.none()  # for the schema; reads go through the selectors
    serializer_class = ChallengeSerializer
    filter_backends = []

    def _get(self, request, pk) -> Challenge:
        return get_object_or_404(selectors.visible_challenges(member=request.user), pk=id_from(pk))

    def _managed(self, request, pk) -> Challenge:
        challenge = self._get(request, pk)
        if not policies.can_manage_challenge(request.user, challenge):
            raise PermissionDenied(
                _("Only a Social Master, or a Social Activator for their own department, may do this.")
            )
        return challenge

    def _out(self, request, challenge, code=status.HTTP_200_OK):
        challenge = (
            selectors.visible_challenges(member=request.user)
            .prefetch_related("departments", "locations")
            .get(pk=challenge.pk)
        )
        return Response(ChallengeSerializer(challenge, context={"request": request}).data, status=code)

    @extend_schema(
        parameters=[OpenApiParameter("state", str, description="Only challenges in this state (e.g. open).")],
        responses=ChallengeSerializer(many=True),
    )
    def list(self, request):
        qs = selectors.visible_challenges(member=request.user).prefetch_related("departments", "locations")
        state = request.query_params.get("state")
        if state == ChallengeState.OPEN:
            qs = qs.filter(open_at(timezone.now()))  # as members see it, even if the task is late
        elif state:
            qs = qs.filter(state=state)
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(ChallengeSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(responses=ChallengeSerializer)
    def retrieve(self, request, pk=None):
        return self._out(request, self._get(request, pk))

    @extend_schema(request=ChallengeWriteSerializer, responses={201: ChallengeSerializer})
    def create(self, request):
        if not policies.can_launch_challenges(request.user):
            raise PermissionDenied(
                _("Only a Social Master, or a Social Activator for their own department, launches challenges.")
            )
        serializer = ChallengeWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        schedule = data.pop("schedule", False)
        challenge = services.create_challenge(by=request.user, **data)
        if schedule:
            challenge = services.schedule_challenge(by=request.user, challenge=challenge)
        return self._out(request, challenge, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ChallengeSerializer)
    @action(detail=True, methods=["post"])
    def schedule(self, request, pk=None):
        challenge = services.schedule_challenge(by=request.user, challenge=self._managed(request, pk))
        return self._out(request, challenge)

    @extend_schema(request=None, responses=ChallengeSerializer)
    @action(detail=True, methods=["post"], url_path="open")
    def open_now(self, request, pk=None):
        challenge = services.open_challenge(by=request.user, challenge=self._managed(request, pk))
        return self._out(request, challenge)

    @extend_schema(request=None, responses=ChallengeSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        challenge = services.close_challenge(by=request.user, challenge=self._managed(request, pk))
        return self._out(request, challenge)

    @extend_schema(
        request=inline_serializer("JudgeRequest", {"winners": serializers.ListField(child=serializers.IntegerField())}),
        responses=ChallengeSerializer,
    )
    @action(detail=True, methods=["post"])
    def judge(self, request, pk=None):
        challenge = self._managed(request, pk)
        winners = request.data.get("winners") if isinstance(request.data, dict) else None
        if not isinstance(winners, list):
            raise InvalidInput(_('Send {"winners": [<ids>]}.'))
        challenge = services.judge_challenge(by=request.user, challenge=challenge, winner_ids=winners)
        return self._out(request, challenge)
