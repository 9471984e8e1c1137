"""The community endpoints (see ``community.api``)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from core.errors import NotAllowed, NotFound
from core.ids import id_from
from core.parsers import JSONParser

from .. import policies, selectors, services
from ..models import Post, Space, Thread
from .serializers import (
    ModerationSerializer,
    PostCreateMultipartSerializer,
    PostCreateSerializer,
    PostSerializer,
    QueueItemSerializer,
    ReactionSerializer,
    ReportCreatedSerializer,
    ReportSerializer,
    SearchResultSerializer,
    SpaceSerializer,
    ThreadCreatedSerializer,
    ThreadCreateMultipartSerializer,
    ThreadCreateSerializer,
    ThreadSerializer,
)


def _space(request, pk) -> Space:
    space = selectors.find_space(pk=id_from(pk))
    if space is None or not policies.can_read_space(request.user, space):
        raise NotFound(_("This space does not exist or is not open to you."), code="space_not_found")
    return space


def _thread(request, pk) -> Thread:
    thread = selectors.find_thread(pk=id_from(pk))
    if thread is None or not policies.can_read_space(request.user, thread.space):
        raise NotFound(_("This thread does not exist or is not open to you."), code="thread_not_found")
    return thread


def _post(request, pk) -> Post:
    post = selectors.find_post(pk=id_from(pk))
    if post is None or not policies.can_see_post(request.user, post):
        raise NotFound(_("This post does not exist or is not visible to you."), code="post_not_found")
    return post


def _post_out(post: Post) -> Post:
    return Post.objects.select_related("author").prefetch_related("reactions", "images").get(pk=post.pk)


# A new thread or post comes as JSON, or as multipart when it carries images.
UPLOAD_PARSERS = [JSONParser, MultiPartParser]


def _images(request) -> list:
    return request.FILES.getlist("images") if request.content_type.startswith("multipart/") else []


def _create_serializer(request, json_class, multipart_class):
    if request.content_type.startswith("multipart/"):
        return multipart_class(data=request.data)
    return json_class(data=request.data)


class SpacesView(GenericAPIView):
    """The spaces the member reads."""

    queryset = Space.objects.none()  # for the schema; reads go through the selectors

    serializer_class = SpaceSerializer
    pagination_class = None

    @extend_schema(responses=SpaceSerializer(many=True))
    def get(self, request):
        return Response(SpaceSerializer(selectors.spaces_for(member=request.user), many=True).data)


class ThreadsView(GenericAPIView):
    """A space's threads, latest activity first; a new thread with its first post."""

    queryset = Thread.objects.none()  # for the schema; reads go through the selectors

    serializer_class = ThreadSerializer
    parser_classes = UPLOAD_PARSERS

    @extend_schema(responses=ThreadSerializer(many=True))
    def get(self, request, pk):
        space = _space(request, pk)
        page = self.paginate_queryset(selectors.threads_in(space=space, member=request.user))
        return self.get_paginated_response(ThreadSerializer(page, many=True).data)

    @extend_schema(
        request={"application/json": ThreadCreateSerializer, "multipart/form-data": ThreadCreateMultipartSerializer},
        responses={201: ThreadCreatedSerializer},
        description="JSON, or multipart with up to four `images`.",
    )
    def post(self, request, pk):
        space = _space(request, pk)
        serializer = _create_serializer(request, ThreadCreateSerializer, ThreadCreateMultipartSerializer)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        thread, post = services.create_thread(
            member=request.user,
            space=space,
            title=data["title"],
            body=data["body"],
            is_question=data["is_question"],
            images=_images(request),
        )
        thread.first_post = _post_out(post)
        return Response(
            ThreadCreatedSerializer(thread, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class PostsView(GenericAPIView):
    queryset = Post.objects.none()  # for the schema; reads go through the selectors
    """A thread's posts the member sees, oldest first; a new post (a reply with ``reply_to``).
    A new post may answer ``"status": "pending"``: it waits for a moderator."""

    serializer_class = PostSerializer
    parser_classes = UPLOAD_PARSERS

    @extend_schema(responses=PostSerializer(many=True))
    def get(self, request, pk):
        thread = _thread(request, pk)
        page = self.paginate_queryset(selectors.posts_in(thread=thread, member=request.user))
        return self.get_paginated_response(PostSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(
        request={"application/json": PostCreateSerializer, "multipart/form-data": PostCreateMultipartSerializer},
        responses={201: PostSerializer},
        description="JSON, or multipart with up to four `images`.",
    )
    def post(self, request, pk):
        thread = _thread(request, pk)
        serializer = _create_serializer(request, PostCreateSerializer, PostCreateMultipartSerializer)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        reply_to = None
        if data.get("reply_to"):
            reply_to = selectors.find_post(pk=data["reply_to"])
            if reply_to is None:
                raise NotFound(_("The post you reply to does not exist."), code="post_not_found")
        post = services.create_post(
            member=request.user,
            thread=thread,
            body=data["body"],
            reply_to=reply_to,
            quote=data["quote"],
            images=_images(request),
        )
        return Response(
            PostSerializer(_post_out(post), context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class ReactionsView(GenericAPIView):
    queryset = Post.objects.none()  # for the schema; reads go through the selectors
    serializer_class = ReactionSerializer

    @extend_schema(request=ReactionSerializer, responses={201: PostSerializer, 200: PostSerializer})
    def post(self, request, pk):
        post = _post(request, pk)
        serializer = ReactionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        _reaction, created = services.react(member=request.user, post=post, emoji=serializer.validated_data["emoji"])
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(PostSerializer(_post_out(post), context={"request": request}).data, status=code)


class ReportsView(GenericAPIView):
    queryset = Post.objects.none()  # for the schema; reads go through the selectors
    serializer_class = ReportSerializer

    @extend_schema(request=ReportSerializer, responses={201: ReportCreatedSerializer})
    def post(self, request, pk):
        post = _post(request, pk)
        serializer = ReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.report_post(member=request.user, post=post, reason=serializer.validated_data["reason"])
        return Response(ReportCreatedSerializer(report).data, status=status.HTTP_201_CREATED)


class ModerationQueueView(GenericAPIView):
    """Held posts and reported posts in the spaces the member moderates (moderators only)."""

    queryset = Post.objects.none()  # for the schema; reads go through the selectors

    serializer_class = QueueItemSerializer

    @extend_schema(responses=QueueItemSerializer(many=True))
    def get(self, request):
        if not policies.can_moderate_anything(request.user):
            raise NotAllowed(_("Only moderators see the moderation queue."), code="not_moderator")
        page = self.paginate_queryset(selectors.moderation_queue(member=request.user))
        return self.get_paginated_response(QueueItemSerializer(page, many=True, context={"request": request}).data)


class ModerationView(GenericAPIView):
    """Approve, hide, restore, delete (or edit with ``body``) a post, with a reason."""

    queryset = Post.objects.none()  # for the schema; reads go through the selectors

    serializer_class = ModerationSerializer

    @extend_schema(request=ModerationSerializer, responses={200: PostSerializer})
    def post(self, request, pk):
        post = _post(request, pk)
        serializer = ModerationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        post = services.moderate_post(
            moderator=request.user, post=post, action=data["action"], reason=data["reason"], body=data.get("body")
        )
        return Response(PostSerializer(_post_out(post), context={"request": request}).data)


class SearchView(GenericAPIView):
    """Published posts matching ``q`` in the spaces the member reads."""

    queryset = Post.objects.none()  # for the schema; reads go through the selectors

    serializer_class = SearchResultSerializer
    pagination_class = None

    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=True, description="Words to look for.")],
        responses=SearchResultSerializer(many=True),
    )
    def get(self, request):
        results = selectors.search(member=request.user, query=request.query_params.get("q", ""))
        return Response(SearchResultSerializer(results, many=True, context={"request": request}).data)
