"""``/api/v1/stories/``, ``/review-queue/`` and ``/suggestions/``: submit stories, see mine,
withdraw, review, compliment, share, and the two feeds."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from core.errors import NotFound
from core.ids import id_from

from .. import policies, selectors, services
from ..models import Story
from .serializers import (
    PAGE_PARAMETERS,
    ReviewSerializer,
    ShareRequestSerializer,
    ShareResultSerializer,
    StorySerializer,
    StorySubmitSerializer,
    SuggestionSerializer,
    paginated,
)


def _files(request, name) -> list:
    return request.FILES.getlist(name) if hasattr(request, "FILES") else []


class StoryViewSet(viewsets.GenericViewSet):
    """Submit stories, see mine, review, compliment and share."""

    lookup_value_converter = "int"
    queryset = Story.objects.none()  # for the schema; reads go through the selectors
    serializer_class = StorySerializer
    filter_backends = []
    # Files travel only with a story (multipart); every other action takes JSON.
    upload_actions = ("create", "resubmit")

    def get_parsers(self):
        # DRF builds the parsers before it names the action: find it from the method here.
        action = getattr(self, "action", None)
        if action is None and getattr(self, "request", None) is not None:
            action = self.action_map.get(self.request.method.lower())
        if action in self.upload_actions:
            return [MultiPartParser()]
        return super().get_parsers()

    def _story(self, request, pk) -> Story:
        """A story the member may see (``policies.can_see_story``); to others it does not exist."""
        story = selectors.find_story(pk=id_from(pk))
        if story is None:
            raise Http404
        if not policies.can_see_story(request.user, story):
            raise NotFound(_("Story not found."))
        return story

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
            qs = selectors.with_story_details(selectors.suggestions(member=request.user))
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
            challenge = selectors.find_challenge(pk=id_from(data["challenge"]))
            if challenge is None:
                raise NotFound(_("This challenge is not open for you."))
        story = services.submit_story(
            member=request.user,
            title=data.get("title", ""),
            text=data.get("text", ""),
            link_url=data.get("link_url", ""),
            images=_files(request, "images") or list(data.get("images") or []),
            video=data.get("video"),
            challenge=challenge,
            language=data.get("language"),
            photo_consent=data.get("photo_consent", False),
            messages=data.get("messages"),
            checks=data.get("checks"),
            plan_item_id=data.get("plan_item"),
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
            photo_consent=data.get("photo_consent", False),
        )
        return self._out(request, story)

    @extend_schema(
        request=None,
        responses=StorySerializer,
        description="The creator takes back their story while it waits for review (again: no change). "
        "409 `story_already_reviewed` once it was decided.",
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        story = services.withdraw_story(member=request.user, story=self._story(request, pk))
        return self._out(request, story)

    @extend_schema(request=ReviewSerializer, responses=StorySerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        story = self._story(request, pk)
        if not policies.can_review(request.user, story):
            raise PermissionDenied(_("Only the Social Editor of the story's department reviews it."))
        serializer = ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        targeting = None
        if data["decision"] == "approve" and (data["audience"] or data["share_from"] or data["share_until"]):
            targeting = services.check_targeting(
                audience=data["audience"], share_from=data["share_from"], share_until=data["share_until"]
            )
        story = services.review_story(
            editor=request.user,
            story=story,
            decision=data["decision"],
            feedback=data.get("feedback", ""),
            text=data.get("text"),
            caption=data.get("caption"),
            caption_fixed=data.get("caption_fixed"),
            messages=data["messages"],
            targeting=targeting,
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
            selectors.share_payload(link=link, network=network, caption=serializer.validated_data.get("caption")),
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

    @extend_schema(parameters=PAGE_PARAMETERS, responses=paginated("PaginatedReviewQueue", StorySerializer))
    def get(self, request):
        member = request.user
        if not policies.can_use_review_queue(member):
            raise PermissionDenied(_("The review queue is for Social Editors."))
        paginator = api_settings.DEFAULT_PAGINATION_CLASS()
        page = paginator.paginate_queryset(selectors.review_queue(editor=member), request, view=self)
        return paginator.get_paginated_response(StorySerializer(page, many=True, context={"request": request}).data)


class SuggestionsView(APIView):
    """My feed of approved stories to share ("Deel dit / Share this")."""

    @extend_schema(parameters=PAGE_PARAMETERS, responses=paginated("PaginatedSuggestions", SuggestionSerializer))
    def get(self, request):
        paginator = api_settings.DEFAULT_PAGINATION_CLASS()
        page = paginator.paginate_queryset(selectors.suggestion_feed(member=request.user), request, view=self)
        context = {"request": request, "disclosure": selectors.disclosure_line()}
        return paginator.get_paginated_response(SuggestionSerializer(page, many=True, context=context).data)
