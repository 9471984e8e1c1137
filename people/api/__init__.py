from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import InvalidInput
from core.ids import MAX_ID
from core.parsers import JSONParser

from .. import policies, selectors, services
from ..adapter import check_password_login, check_second_factor, has_second_factor
from ..errors import InvitationError
from ..models import Invitation, Member, Notification


class CanInvite(BasePermission):
    message = _("Only a Social Master, or a Social Activator for their own department, invites people.")

    def has_permission(self, request, view):
        return policies.can_invite(request.user)


class MemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    department = serializers.StringRelatedField()
    location = serializers.StringRelatedField()

    class Meta:
        model = Member
        fields = ["id", "email", "name", "display_name", "role", "is_hr", "language", "department", "location"]
        read_only_fields = ["id", "email", "role", "is_hr", "department", "location"]


class MeView(APIView):
    """The signed-in member. Any signed-in member; ``PATCH`` changes name and language."""

    serializer_class = MemberSerializer

    def get_member(self, request):
        return selectors.member_with_relations(member_id=request.user.pk)

    @extend_schema(responses=MemberSerializer)
    def get(self, request):
        return Response(MemberSerializer(self.get_member(request)).data)

    @extend_schema(request=MemberSerializer, responses=MemberSerializer)
    def patch(self, request):
        member = self.get_member(request)
        serializer = MemberSerializer(member, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.update_profile(member=member, **serializer.validated_data)
        return Response(MemberSerializer(member).data)


class TokenSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})
    code = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=64,
        help_text="For members who need two-factor authentication: the code of their authenticator app "
        "(or an unused recovery code).",
    )


class TokenView(APIView):
    """Exchange e-mail and password for an API token. Anyone.

    Failed attempts are limited per account and per client address (``people.adapter``):
    while a limit holds the answer is 429 ``too_many_login_attempts``, also for the right
    password. Successful logins are never limited per address.

    Members who need two-factor authentication (``MFA_REQUIRED_FOR_ROLES``) also send
    ``code``: without it 401 ``mfa_code_required``, a wrong one 401 ``invalid_mfa_code``
    (counted as a failed attempt); without an authenticator app set up on the website
    403 ``mfa_setup_required``."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = []

    @extend_schema(
        request=TokenSerializer,
        responses={200: inline_serializer("TokenResponse", {"token": serializers.CharField()})},
    )
    def post(self, request):
        serializer = TokenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member = check_password_login(
            request._request,
            email=serializer.validated_data["email"],
            password=serializer.validated_data["password"],
        )
        if member is None:
            return Response(
                {"detail": _("E-mail address or password is not correct."), "code": "invalid_credentials"},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if policies.needs_second_factor(member):
            refusal = self.second_factor_refusal(request, member, serializer.validated_data)
            if refusal is not None:
                return refusal
        return Response({"token": services.api_token(member=member)})

    def second_factor_refusal(self, request, member, data) -> Response | None:
        """None when the member passed their second factor, else the answer that says why not."""
        if not has_second_factor(member):
            return Response(
                {
                    "detail": _("Set up two-factor authentication on the website first."),
                    "code": "mfa_setup_required",
                },
                status=status.HTTP_403_FORBIDDEN,
            )
        if not data.get("code"):
            return Response(
                {"detail": _("Send the code from your authenticator app as well."), "code": "mfa_code_required"},
                status=status.HTTP_401_UNAUTHORIZED,
                headers={"WWW-Authenticate": "Token"},
            )
        if not check_second_factor(request._request, member=member, code=data["code"], email=data["email"]):
            return Response(
                {"detail": _("The code is not correct."), "code": "invalid_mfa_code"},
                status=status.HTTP_401_UNAUTHORIZED,
                headers={"WWW-Authenticate": "Token"},
            )
        return None


class NotificationSerializer(serializers.ModelSerializer):
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "created_at", "read"]

    def get_read(self, obj) -> bool:
        return obj.read_at is not None


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The signed-in member's own notifications, newest first."""

    serializer_class = NotificationSerializer
    permission_classes = [IsAuthenticated]

    queryset = Notification.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        return selectors.notifications_for(member=self.request.user, limit=None)

    @extend_schema(
        request=inline_serializer(
            "MarkRead", {"ids": serializers.ListField(child=serializers.IntegerField(), required=False)}
        ),
        responses={200: inline_serializer("MarkReadResult", {"marked": serializers.IntegerField()})},
    )
    @action(detail=False, methods=["post"], url_path="mark-read", parser_classes=[JSONParser])
    def mark_read(self, request):
        """Mark some (``{"ids": [...]}``) or all (``{}``) of my notifications read."""
        ids = request.data.get("ids") if isinstance(request.data, dict) else None
        if ids is not None and (
            not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids)
        ):
            raise InvalidInput(_("'ids' must be a list of numbers."))
        if ids is not None:
            ids = [i for i in ids if 0 < i <= MAX_ID]
        return Response({"marked": services.mark_read(member=request.user, notification_ids=ids)})


class InvitationRowSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True, required=False, default="")
    email = serializers.CharField(allow_blank=True, required=False, default="")
    department = serializers.CharField(allow_blank=True, required=False, default="")
    location = serializers.CharField(allow_blank=True, required=False, default="")


class InvitationRequestSerializer(serializers.Serializer):
    """The JSON body: the people to invite."""

    invitations = InvitationRowSerializer(many=True, required=False)
    message = serializers.CharField(allow_blank=True, required=False, default="", max_length=4000)
    video_url = serializers.CharField(allow_blank=True, required=False, default="")


class InvitationUploadSerializer(InvitationRequestSerializer):
    """The multipart body: a CSV file of the people to invite."""

    invitations = None
    file = serializers.FileField(help_text="CSV with the columns name, email, department, location.")


class InvitationSerializer(serializers.ModelSerializer):
    department = serializers.StringRelatedField()
    location = serializers.StringRelatedField()

    class Meta:
        model = Invitation
        fields = ["id", "name", "email", "department", "location", "created_at", "expires_at"]


class InvitationView(APIView):
    """Invite people by e-mail: a JSON list or a CSV upload (``file``). All rows or none:
    bad rows answer 400 with ``errors`` per line. Social Masters; Social Activators into their
    own department (a row without a department goes there, a row naming another is a bad line)."""

    permission_classes = [CanInvite]
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        request={"application/json": InvitationRequestSerializer, "multipart/form-data": InvitationUploadSerializer},
        responses={
            201: inline_serializer(
                "Invited", {"created": serializers.IntegerField(), "invitations": InvitationSerializer(many=True)}
            )
        },
    )
    def post(self, request):
        upload = request.content_type.startswith("multipart/")
        serializer = (InvitationUploadSerializer if upload else InvitationRequestSerializer)(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            created = self.invite(request, serializer.validated_data)
        except InvitationError as exc:
            # Every bad line, not just the first, so the Master fixes the file once.
            return Response(
                {"detail": str(exc.message), "code": exc.code, "errors": exc.errors}, status=status.HTTP_400_BAD_REQUEST
            )
        return Response(
            {"created": len(created), "invitations": InvitationSerializer(created, many=True).data},
            status=status.HTTP_201_CREATED,
        )

    def invite(self, request, data):
        if data.get("file") is not None:
            rows = services.rows_from_upload(upload=data["file"])
        elif data.get("invitations"):
            rows = [{**row, "line": index} for index, row in enumerate(data["invitations"], start=1)]
        else:
            raise InvitationError(_("Send a list of invitations or a CSV file."))
        return services.invite(
            rows=rows, by=request.user, message=data.get("message", ""), video_url=data.get("video_url", "")
        )
