"""The content plan's API (Social Creators and up; everyone else 403).

- ``GET /plan/items/?message=&owner=&department=&status=&from=&to=``: planned items;
- ``POST /plan/items/``: plan one (``title``, ``owner``, ``due``, ``message``, ``department``,
  ``channel``, ``status``, ``notes``, ``calendar_entry``);
- ``PATCH /plan/items/{id}/``: ``status``, ``owner``, ``due``; 400 ``invalid_transition``,
  ``due_in_past``, ``owner_not_allowed``; 403 for someone else's item or a reviewers' step.
"""

import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import InvalidInput, NotAllowed
from people.models import Department, Member

from .. import policies
from ..models import CalendarEntry, Channel, KeyMessage, PlanItem, PlanStatus
from ..selectors.plan import PlanFilters, plan_items
from ..services import plan as plan_services


class PlanItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    message = serializers.IntegerField(source="message_id", allow_null=True)
    message_name = serializers.SerializerMethodField()
    owner = serializers.IntegerField(source="owner_id")
    owner_name = serializers.CharField(source="owner.name")
    department = serializers.IntegerField(source="department_id", allow_null=True)
    due = serializers.DateField()
    channel = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    calendar_entry = serializers.IntegerField(source="calendar_entry_id", allow_null=True)
    challenge = serializers.IntegerField(source="challenge_id", allow_null=True)
    story = serializers.IntegerField(source="story_id", allow_null=True)
    notes = serializers.CharField()
    can_change = serializers.SerializerMethodField()

    def get_message_name(self, item) -> str | None:
        return item.message.display_name if item.message else None

    def get_can_change(self, item) -> bool:
        return policies.can_change_item(self.context["request"].user, item)


class PlanItemCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    owner = serializers.IntegerField(required=False)
    due = serializers.DateField()
    message = serializers.IntegerField(required=False, allow_null=True)
    department = serializers.IntegerField(required=False, allow_null=True)
    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.LINKEDIN)
    status = serializers.ChoiceField(choices=PlanStatus.choices, default=PlanStatus.IDEA)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    calendar_entry = serializers.IntegerField(required=False, allow_null=True)


class PlanItemPatchSerializer(serializers.Serializer):
    status = serializers.CharField(required=False)
    owner = serializers.IntegerField(required=False)
    due = serializers.DateField(required=False)


def _int(request, name: str) -> int | None:
    value = request.query_params.get(name)
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise InvalidInput(_("%(name)s must be a number.") % {"name": name}, code="invalid_filter") from None


def _date(request, name: str) -> datetime.date | None:
    value = request.query_params.get(name)
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(_("%(name)s must look like 2026-05-31.") % {"name": name}, code="invalid_filter") from None


def _owner(pk: int) -> Member:
    owner = Member.objects.filter(pk=pk, is_active=True).first()
    if owner is None:
        raise InvalidInput(_("Unknown owner."), code="owner_not_allowed")
    return owner


def _optional(model, pk, code: str):
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise InvalidInput(_("%(name)s does not exist.") % {"name": code}, code=f"unknown_{code}")
    return found


class PlanItemsView(APIView):
    """The content plan: list (filters) and add."""

    def check_permissions(self, request):
        super().check_permissions(request)
        if not policies.can_use_plan(request.user):
            raise NotAllowed(_("The content plan is for Social Creators, Editors, Activators and Masters."))

    @extend_schema(
        parameters=[
            OpenApiParameter(name, int if name in ("message", "owner", "department") else str)
            for name in ("message", "owner", "department", "status", "from", "to")
        ],
        responses=PlanItemSerializer(many=True),
    )
    def get(self, request):
        state = request.query_params.get("status") or None
        if state and state not in PlanStatus.values:
            raise InvalidInput(_("Unknown status."), code="invalid_status")
        filters = PlanFilters(
            message_id=_int(request, "message"),
            owner_id=_int(request, "owner"),
            department_id=_int(request, "department"),
            status=state,
            due_from=_date(request, "from"),
            due_until=_date(request, "to"),
        )
        items = plan_items(filters=filters)[:500]
        return Response(PlanItemSerializer(items, many=True, context={"request": request}).data)

    @extend_schema(request=PlanItemCreateSerializer, responses={201: PlanItemSerializer, 200: PlanItemSerializer})
    def post(self, request):
        data = PlanItemCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        item, created = plan_services.create_item(
            by=request.user,
            title=values["title"],
            owner=_owner(values["owner"]) if values.get("owner") else request.user,
            due=values["due"],
            message=_optional(KeyMessage, values.get("message"), "message"),
            department=_optional(Department, values.get("department"), "department"),
            channel=values["channel"],
            status=values["status"],
            notes=values["notes"],
            calendar_entry=_optional(CalendarEntry, values.get("calendar_entry"), "calendar_entry"),
        )
        body = PlanItemSerializer(plan_items(filters=PlanFilters()).get(pk=item.pk), context={"request": request})
        return Response(body.data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class PlanItemView(APIView):
    """One planned item: move it, give it to someone else, re-plan it."""

    def check_permissions(self, request):
        super().check_permissions(request)
        if not policies.can_use_plan(request.user):
            raise NotAllowed(_("The content plan is for Social Creators, Editors, Activators and Masters."))

    @extend_schema(responses=PlanItemSerializer)
    def get(self, request, pk):
        item = get_object_or_404(plan_items(filters=PlanFilters()), pk=pk)
        return Response(PlanItemSerializer(item, context={"request": request}).data)

    @extend_schema(request=PlanItemPatchSerializer, responses=PlanItemSerializer)
    def patch(self, request, pk):
        item = get_object_or_404(PlanItem, pk=pk)
        data = PlanItemPatchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        changes = {}
        if "status" in values:
            changes["status"] = values["status"]
        if "owner" in values:
            changes["owner"] = _owner(values["owner"])
        if "due" in values:
            changes["due"] = values["due"]
        plan_services.update_item(by=request.user, item=item, **changes)
        item = plan_items(filters=PlanFilters()).get(pk=pk)
        return Response(PlanItemSerializer(item, context={"request": request}).data)
