"""The sessions API.

- ``GET /sessions/``, ``GET /sessions/{id}/``: any signed-in member (live sessions only;
  the online link only for members with a place, hosts and Masters).
- ``POST``/``DELETE /sessions/{id}/registration/``: any signed-in member, for themselves
  (403 outside the session's audience; 409 after the deadline or when full without a
  waiting list).
- ``POST /sessions/{id}/check-in/``, ``GET /sessions/{id}/registrations/``: the session's
  hosts and Social Masters (403 for others).
- ``POST /sessions/{id}/feedback/``: members who had a place, once it started.
- ``GET /me/linkedin-checklist/``, ``PUT /me/linkedin-checklist/{item}/``: the member's own.
"""

import datetime

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import InvalidInput, NotAllowed
from core.ids import id_from

from . import policies, selectors
from .models import LinkedInChecklistItem, Registration, SessionKind, SessionPage
from .services import check_in as check_in_services
from .services import feedback as feedback_services
from .services import linkedin as linkedin_services
from .services import registration as registration_services


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=SessionKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    summary = serializers.CharField()
    starts_at = serializers.DateTimeField(default_timezone=datetime.UTC)
    ends_at = serializers.DateTimeField(default_timezone=datetime.UTC)
    time_zone = serializers.CharField()
    local_start = serializers.SerializerMethodField()
    local_end = serializers.SerializerMethodField()
    registration_deadline = serializers.SerializerMethodField()
    venue = serializers.CharField()
    online_url = serializers.SerializerMethodField()
    capacity = serializers.IntegerField()
    registered = serializers.IntegerField(source="registered_count")
    waitlisted = serializers.IntegerField(source="waitlisted_count")
    places_left = serializers.SerializerMethodField()
    waiting_list = serializers.BooleanField()
    cancelled = serializers.BooleanField()
    registration_open = serializers.SerializerMethodField()
    my_status = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    ics_url = serializers.SerializerMethodField()

    def get_local_start(self, obj) -> str:
        return obj.local(obj.starts_at).isoformat()

    def get_local_end(self, obj) -> str:
        return obj.local(obj.ends_at).isoformat()

    def get_registration_deadline(self, obj) -> str:
        return obj.deadline.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")

    def get_online_url(self, obj) -> str | None:
        allowed = policies.can_see_online_link(
            member=self.context["request"].user,
            status=getattr(obj, "my_status", None),
            hosting=getattr(obj, "i_host", False),
        )
        return (obj.online_url or None) if allowed else None

    def get_places_left(self, obj) -> int:
        return selectors.places_left(obj)

    def get_registration_open(self, obj) -> bool:
        return not obj.cancelled and timezone.now() < obj.deadline

    def get_my_status(self, obj) -> str | None:
        return getattr(obj, "my_status", None)

    def get_url(self, obj) -> str:
        return obj.get_url(self.context["request"]) or ""

    def get_ics_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(reverse("events:session_ics", args=[obj.pk]))


class RegistrationStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Registration.Status.choices)
    position_on_waiting_list = serializers.IntegerField(allow_null=True)


class RosterSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    member = serializers.CharField(source="member.name")
    email = serializers.EmailField(source="member.email")
    status = serializers.CharField()
    code = serializers.CharField()
    checked_in_at = serializers.DateTimeField(allow_null=True)


def _rating(value) -> int:
    """1–5 as a number or text; anything else is 0, which the service refuses with its message."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _date_param(request, name):
    value = request.query_params.get(name)
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(_("%(name)s must be a date (YYYY-MM-DD).") % {"name": name}) from None


class SessionViewSet(viewsets.GenericViewSet):
    """Kennissessies, LinkedIn-profile workshops, meetups and webinars."""

    serializer_class = SessionSerializer
    queryset = SessionPage.objects.none()  # for the schema; requests use the selectors
    lookup_value_converter = "int"

    def _session(self, pk) -> SessionPage:
        return get_object_or_404(selectors.with_counts(SessionPage.objects.live(), self.request.user), pk=id_from(pk))

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, enum=SessionKind.values),
            OpenApiParameter("from", OpenApiTypes.DATE, description="Sessions ending on or after this day."),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Sessions starting on or before this day."),
        ]
    )
    def list(self, request):
        kind = request.query_params.get("kind") or None
        if kind and kind not in SessionKind.values:
            raise InvalidInput(_("kind must be one of: %(kinds)s.") % {"kinds": ", ".join(SessionKind.values)})
        queryset = selectors.sessions(
            member=request.user, kind=kind, start=_date_param(request, "from"), end=_date_param(request, "to")
        )
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(SessionSerializer(page, many=True, context={"request": request}).data)

    def retrieve(self, request, pk=None):
        return Response(SessionSerializer(self._session(pk), context={"request": request}).data)

    @extend_schema(request=None, responses={200: RegistrationStatusSerializer, 201: RegistrationStatusSerializer})
    @action(detail=True, methods=["post", "delete"])
    def registration(self, request, pk=None):
        session = self._session(pk)
        if request.method == "DELETE":
            registration = registration_services.cancel(member=request.user, session=session)
            return Response({"status": registration.status, "position_on_waiting_list": None})
        result = registration_services.register(member=request.user, session=session)
        return Response(
            {
                "status": result.registration.status,
                "position_on_waiting_list": selectors.waiting_position(result.registration),
            },
            status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK,
        )

    @extend_schema(
        request=inline_serializer(
            "CheckInRequest",
            {"registration": serializers.CharField(help_text="Registration id or check-in code (QR code).")},
        ),
        responses=inline_serializer(
            "CheckIn",
            {
                "registration": serializers.IntegerField(),
                "member": serializers.CharField(),
                "checked_in_at": serializers.DateTimeField(),
                "already_checked_in": serializers.BooleanField(),
            },
        ),
    )
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request, pk=None):
        session = self._session(pk)
        ref = request.data.get("registration") if isinstance(request.data, dict) else None
        if ref in (None, ""):
            if not policies.can_check_in(member=request.user, session=session):
                raise NotAllowed(policies.HOSTS_ONLY)
            raise InvalidInput(_('Send {"registration": <id or check-in code>}.'))
        result = check_in_services.check_in(session=session, registration=ref, by=request.user)
        return Response(
            {
                "registration": result.registration.pk,
                "member": result.registration.member.name,
                "checked_in_at": result.registration.checked_in_at,
                "already_checked_in": not result.newly,
            }
        )

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="Search name, e-mail or code.")],
        responses=RosterSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def registrations(self, request, pk=None):
        session = self._session(pk)
        if not policies.can_manage_session(member=request.user, session=session):
            raise NotAllowed(policies.HOSTS_ONLY)
        roster = selectors.roster(session=session, query=request.query_params.get("q", ""))
        return Response(RosterSerializer(roster, many=True).data)

    @extend_schema(
        request=inline_serializer(
            "SessionFeedbackRequest",
            {"rating": serializers.IntegerField(min_value=1, max_value=5), "comment": serializers.CharField()},
        ),
        responses=inline_serializer(
            "SessionFeedback", {"rating": serializers.IntegerField(), "comment": serializers.CharField()}
        ),
    )
    @action(detail=True, methods=["post"])
    def feedback(self, request, pk=None):
        session = self._session(pk)
        data = request.data if isinstance(request.data, dict) else {}
        feedback = feedback_services.give_feedback(
            session=session,
            member=request.user,
            rating=_rating(data.get("rating")),
            comment=str(data.get("comment") or ""),
        )
        return Response({"rating": feedback.rating, "comment": feedback.comment})


class ChecklistItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="item.id")
    key = serializers.UUIDField(source="item.translation_key")
    title = serializers.CharField(source="item.title")
    help = serializers.CharField(source="item.help_text")
    done = serializers.BooleanField()


class ChecklistSerializer(serializers.Serializer):
    percent = serializers.IntegerField()
    done = serializers.IntegerField()
    total = serializers.IntegerField()
    completed = serializers.BooleanField()
    next = serializers.SerializerMethodField()
    profile_url = serializers.SerializerMethodField()
    items = ChecklistItemSerializer(source="lines", many=True)

    def get_next(self, obj) -> dict | None:
        item = obj.next
        return {"id": item.pk, "title": item.title} if item else None

    def get_profile_url(self, obj) -> str:
        return obj.profile.profile_url if obj.profile else ""


def _checklist_response(request) -> Response:
    checklist = selectors.linkedin_checklist(member=request.user, language=request.user.language)
    return Response(ChecklistSerializer(checklist).data)


class LinkedInChecklistView(APIView):
    """My LinkedIn profile checklist: steps, ticks, %, what's next. Only my own."""

    @extend_schema(responses=ChecklistSerializer)
    def get(self, request):
        return _checklist_response(request)


class LinkedInChecklistItemView(APIView):
    """Tick or untick one step of my checklist (optionally with my public profile URL)."""

    @extend_schema(
        request=inline_serializer(
            "ChecklistTick",
            {"done": serializers.BooleanField(), "profile_url": serializers.URLField(required=False)},
        ),
        responses=ChecklistSerializer,
    )
    def put(self, request, item):
        item = get_object_or_404(LinkedInChecklistItem.objects.filter(active=True), pk=id_from(item))
        data = request.data if isinstance(request.data, dict) else {}
        done = data.get("done")
        if not isinstance(done, bool):
            raise InvalidInput(_('Send {"done": true} or {"done": false}.'))
        profile_url = data.get("profile_url")
        if profile_url is not None and not isinstance(profile_url, str):
            raise InvalidInput(_("profile_url must be text."))
        linkedin_services.tick_linkedin_item(member=request.user, item=item, done=done, profile_url=profile_url)
        return _checklist_response(request)
