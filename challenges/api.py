"""The challenges and content-flow API.

Who may use what (services check it; these views only translate):
- ``/challenges/``: list and read: any member (their audience; Masters all); create, update,
  schedule, open, close, judge: Social Masters, Activators for their own department.
- ``/stories/``: submit: Creators (any member inside a challenge that allows it); ``?mine=1``
  my own stories; others: approved stories. Review: the department's Editor or a Master.
  Compliments: Masters and Activators. Shares and dismissals: any member.
- ``/review-queue/``: Editors (their department) and Masters; others 403.
- ``/suggestions/``: any member, their own feed.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from core.ids import id_from
from people.models import Department, Location, Role

from . import selectors, services
from .models import (
    Audience,
    Challenge,
    ChallengeKind,
    Decision,
    Network,
    Participation,
    Story,
    StoryStatus,
    WinnerRule,
)


def paginated(name: str, serializer) -> serializers.Serializer:
    """The schema of a page of results, as the default pagination answers."""
    return inline_serializer(
        name,
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer(many=True),
        },
    )


class ChallengeSerializer(serializers.ModelSerializer):
    departments = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    locations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    roles = serializers.ListField(source="role_list", child=serializers.CharField(), read_only=True)
    my_entries = serializers.IntegerField(read_only=True, default=0)
    standings = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Challenge
        fields = [
            "id",
            "title",
            "brief",
            "example",
            "kind",
            "participation",
            "audience",
            "departments",
            "locations",
            "roles",
            "open_to_all_members",
            "opens_at",
            "closes_at",
            "points_per_entry",
            "winner_bonus",
            "entries_per_member",
            "winner_rule",
            "badge",
            "department",
            "state",
            "standings",
            "winners",
            "my_entries",
            "url",
        ]
        read_only_fields = fields

    def get_url(self, obj) -> str:
        from django.urls import reverse

        return self.context["request"].build_absolute_uri(reverse("challenges:detail", args=[obj.pk]))

    def get_standings(self, obj) -> list[dict]:
        """Everyone's scores for the challenge's managers; members see the winners only."""
        return obj.standings if services.can_manage(self.context["request"].user, obj) else []


class ChallengeWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=160)
    brief = serializers.CharField(required=False, allow_blank=True, default="")
    example = serializers.CharField(required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=ChallengeKind.choices)
    participation = serializers.ChoiceField(choices=Participation.choices, required=False)
    audience = serializers.ChoiceField(choices=Audience.choices, required=False)
    departments = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all(), many=True, required=False)
    locations = serializers.PrimaryKeyRelatedField(queryset=Location.objects.all(), many=True, required=False)
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), required=False)
    open_to_all_members = serializers.BooleanField(required=False)
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    points_per_entry = serializers.IntegerField(min_value=0, max_value=10000, required=False)
    winner_bonus = serializers.IntegerField(min_value=0, max_value=100000, required=False)
    entries_per_member = serializers.IntegerField(min_value=1, max_value=100, required=False)
    winner_rule = serializers.ChoiceField(choices=WinnerRule.choices, required=False)
    schedule = serializers.BooleanField(required=False, default=False, help_text="Schedule at once (not a draft).")


class StoryImageSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.image.url)


class StorySerializer(serializers.ModelSerializer):
    creator = serializers.CharField(source="creator.name", read_only=True)
    images = StoryImageSerializer(many=True, read_only=True)
    video = serializers.SerializerMethodField()
    public_url = serializers.SerializerMethodField()
    was_edited = serializers.BooleanField(read_only=True)
    original_text = serializers.CharField(
        read_only=True, allow_null=True, help_text="Only for the creator and editors."
    )
    feedback = serializers.CharField(read_only=True, allow_null=True, help_text="Only for the creator and editors.")

    class Meta:
        model = Story
        fields = [
            "id",
            "title",
            "text",
            "original_text",
            "was_edited",
            "link_url",
            "images",
            "video",
            "caption",
            "caption_fixed",
            "language",
            "challenge",
            "department",
            "creator",
            "status",
            "feedback",
            "submitted_at",
            "approved_at",
            "public_url",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        """The editor's feedback and the creator's original text are between the two of
        them: other members see the story as it was approved."""
        data = super().to_representation(instance)
        viewer = self.context["request"].user
        if instance.creator_id != viewer.pk and not services.can_review(viewer, instance):
            data["original_text"] = None
            data["feedback"] = None
        return data

    def get_video(self, obj) -> str | None:
        return self.context["request"].build_absolute_uri(obj.video.url) if obj.video else None

    def get_public_url(self, obj) -> str | None:
        from django.urls import reverse

        if obj.status != StoryStatus.APPROVED:
            return None
        return self.context["request"].build_absolute_uri(reverse("challenges:public_story", args=[obj.public_id]))


class SuggestionSerializer(StorySerializer):
    shared_on = serializers.SerializerMethodField()
    suggested_caption = serializers.SerializerMethodField()

    class Meta(StorySerializer.Meta):
        fields = [*StorySerializer.Meta.fields, "shared_on", "suggested_caption"]
        read_only_fields = fields

    def get_shared_on(self, obj) -> list[str]:
        return [share.network for share in getattr(obj, "my_shares", [])]

    def get_suggested_caption(self, obj) -> str:
        return services.caption_for(story=obj, disclosure=self.context["disclosure"])


class ChallengeViewSet(viewsets.GenericViewSet):
    """Challenges for my audience; Masters and Activators launch and run them."""

    lookup_value_converter = "int"
    queryset = Challenge.objects.none()  # for the schema; reads go through the selectors
    serializer_class = ChallengeSerializer
    filter_backends = []
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def _get(self, request, pk) -> Challenge:
        return get_object_or_404(selectors.visible_challenges(member=request.user), pk=id_from(pk))

    def _managed(self, request, pk) -> Challenge:
        challenge = self._get(request, pk)
        if not services.can_manage(request.user, challenge):
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
        if state:
            qs = qs.filter(state=state)
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(ChallengeSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(responses=ChallengeSerializer)
    def retrieve(self, request, pk=None):
        return self._out(request, self._get(request, pk))

    @extend_schema(request=ChallengeWriteSerializer, responses={201: ChallengeSerializer})
    def create(self, request):
        if not services.can_launch(request.user):
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
            return Response({"detail": _('Send {"winners": [<ids>]}.')}, status=status.HTTP_400_BAD_REQUEST)
        challenge = services.judge_challenge(by=request.user, challenge=challenge, winner_ids=winners)
        return self._out(request, challenge)


class StorySubmitSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True, max_length=160)
    text = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    link_url = serializers.CharField(required=False, allow_blank=True, max_length=500)
    images = serializers.ListField(child=serializers.FileField(), required=False, max_length=services.MAX_IMAGES)
    video = serializers.FileField(required=False)
    challenge = serializers.IntegerField(required=False)
    language = serializers.ChoiceField(choices=["nl", "en"], required=False)


class ReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.values)
    feedback = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    text = serializers.CharField(required=False, allow_blank=True, max_length=5000, allow_null=True)
    caption = serializers.CharField(required=False, allow_blank=True, max_length=1000, allow_null=True)
    caption_fixed = serializers.BooleanField(required=False, allow_null=True, default=None)


class ShareRequestSerializer(serializers.Serializer):
    network = serializers.ChoiceField(choices=Network.values)
    caption = serializers.CharField(required=False, allow_blank=True, max_length=3000)


class ShareResultSerializer(serializers.Serializer):
    share_url = serializers.CharField()
    tracking_url = serializers.CharField()
    caption = serializers.CharField()
    network = serializers.CharField()


def _files(request, name) -> list:
    return request.FILES.getlist(name) if hasattr(request, "FILES") else []


class StoryViewSet(viewsets.GenericViewSet):
    """Submit stories, see mine, review, compliment and share."""

    lookup_value_converter = "int"
    queryset = Story.objects.none()  # for the schema; reads go through the selectors
    serializer_class = StorySerializer
    filter_backends = []
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def _story(self, request, pk) -> Story:
        """A story the member may see: their own, an approved one, or one they may review."""
        story = get_object_or_404(Story.objects.select_related("creator", "challenge"), pk=id_from(pk))
        if (
            story.creator_id == request.user.pk
            or story.status == StoryStatus.APPROVED
            or services.can_review(request.user, story)
        ):
            return story
        raise services.NotFound(_("Story not found."))

    def _out(self, request, story, code=status.HTTP_200_OK):
        story = selectors.my_stories(member=story.creator).get(pk=story.pk)
        return Response(StorySerializer(story, context={"request": request}).data, status=code)

    @extend_schema(
        parameters=[OpenApiParameter("mine", int, description="1: my own stories, whatever their status.")],
        responses=StorySerializer(many=True),
    )
    def list(self, request):
        if request.query_params.get("mine") in ("1", "true"):
            qs = selectors.my_stories(member=request.user)
        else:
            qs = (
                selectors.suggestions(member=request.user)
                .select_related("creator", "department", "challenge")
                .prefetch_related("images")
            )
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(StorySerializer(page, many=True, context={"request": request}).data)

    @extend_schema(responses=StorySerializer)
    def retrieve(self, request, pk=None):
        return self._out(request, self._story(request, pk))

    @extend_schema(
        request={"multipart/form-data": StorySubmitSerializer},
        responses={201: StorySerializer},
        description="Text, up to 10 images (JPEG/PNG/WebP, 10 MB each), one video (MP4/MOV, 200 MB) or a link.",
    )
    def create(self, request):
        serializer = StorySubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        challenge = None
        if data.get("challenge"):
            challenge = Challenge.objects.filter(pk=id_from(data["challenge"])).first()
            if challenge is None:
                raise services.NotFound(_("This challenge is not open for you."))
        images = _files(request, "images") or list(data.get("images") or [])
        if len(images) > services.MAX_IMAGES:
            raise services.InvalidUpload(_("Add at most %(count)s images.") % {"count": services.MAX_IMAGES})
        story = services.submit_story(
            member=request.user,
            title=data.get("title", ""),
            text=data.get("text", ""),
            link_url=data.get("link_url", ""),
            images=images,
            video=data.get("video"),
            challenge=challenge,
            language=data.get("language"),
        )
        return self._out(request, story, status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": StorySubmitSerializer}, responses=StorySerializer)
    @action(detail=True, methods=["post"])
    def resubmit(self, request, pk=None):
        story = self._story(request, pk)
        serializer = StorySubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        story = services.resubmit_story(
            member=request.user,
            story=story,
            text=data.get("text"),
            link_url=data.get("link_url"),
            images=_files(request, "images"),
        )
        return self._out(request, story)

    @extend_schema(request=ReviewSerializer, responses=StorySerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        story = self._story(request, pk)
        if not services.can_review(request.user, story):
            raise PermissionDenied(_("Only the Social Editor of the story's department reviews it."))
        serializer = ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        story = services.review_story(
            editor=request.user,
            story=story,
            decision=data["decision"],
            feedback=data.get("feedback", ""),
            text=data.get("text"),
            caption=data.get("caption"),
            caption_fixed=data.get("caption_fixed"),
        )
        return self._out(request, story)

    @extend_schema(
        request=inline_serializer("ComplimentRequest", {"message": serializers.CharField(required=False)}),
        responses={201: inline_serializer("Compliment", {"created": serializers.BooleanField()})},
    )
    @action(detail=True, methods=["post"])
    def compliments(self, request, pk=None):
        story = self._story(request, pk)
        message = request.data.get("message", "") if isinstance(request.data, dict) else ""
        _compliment, created = services.give_compliment(by=request.user, story=story, message=str(message or ""))
        return Response({"created": created}, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(request=ShareRequestSerializer, responses={201: ShareResultSerializer})
    @action(detail=True, methods=["post"])
    def shares(self, request, pk=None):
        story = self._story(request, pk)
        serializer = ShareRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        network = serializer.validated_data["network"]
        link, _share, created = services.share_story(member=request.user, story=story, network=network)
        return Response(
            services.share_payload(link=link, network=network, caption=serializer.validated_data.get("caption")),
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        story = self._story(request, pk)
        services.dismiss_suggestion(member=request.user, story=story)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReviewQueueView(APIView):
    """Stories waiting for review in my department, oldest first (Editors; Masters all)."""

    @extend_schema(responses=paginated("PaginatedReviewQueue", StorySerializer))
    def get(self, request):
        member = request.user
        if not (member.is_master or member.is_editor):
            raise PermissionDenied(_("The review queue is for Social Editors."))
        paginator = api_settings.DEFAULT_PAGINATION_CLASS()
        page = paginator.paginate_queryset(selectors.review_queue(editor=member), request, view=self)
        return paginator.get_paginated_response(StorySerializer(page, many=True, context={"request": request}).data)


class SuggestionsView(APIView):
    """My feed of approved stories to share ("Deel dit / Share this")."""

    @extend_schema(responses=paginated("PaginatedSuggestions", SuggestionSerializer))
    def get(self, request):
        paginator = api_settings.DEFAULT_PAGINATION_CLASS()
        page = paginator.paginate_queryset(selectors.suggestion_feed(member=request.user), request, view=self)
        context = {"request": request, "disclosure": services.disclosure_line()}
        return paginator.get_paginated_response(SuggestionSerializer(page, many=True, context=context).data)
