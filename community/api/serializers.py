"""What the community API reads and answers."""

from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import MAX_POST_IMAGES, ModerationAction, Post, PostStatus, Reaction, Space, Thread

PUBLIC_STATUSES = [PostStatus.PUBLISHED, PostStatus.PENDING, PostStatus.HIDDEN]
# The statuses the API shows (a deleted post shows as hidden), named in ENUM_NAME_OVERRIDES.
PUBLIC_STATUS_CHOICES = [(s.value, s.label) for s in PUBLIC_STATUSES]


def author_name(member) -> str:
    if member is None:
        return ""
    return member.display_name or member.get_full_name() or member.email.split("@")[0]


class SpaceSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    thread_count = serializers.IntegerField(read_only=True)
    scope = serializers.CharField(read_only=True)

    class Meta:
        model = Space
        fields = ["id", "name", "slug", "description", "scope", "thread_count"]

    def get_name(self, space) -> str:
        return space.name_en if translation.get_language() == "en" and space.name_en else space.name


class ThreadSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    post_count = serializers.IntegerField(read_only=True, default=0)
    accepted_post = serializers.IntegerField(source="accepted_post_id", read_only=True, allow_null=True)

    class Meta:
        model = Thread
        fields = [
            "id",
            "space",
            "title",
            "author",
            "is_question",
            "locked",
            "accepted_post",
            "post_count",
            "created_at",
        ]

    def get_author(self, thread) -> str:
        return author_name(thread.author)


class PostImageSerializer(serializers.Serializer):
    """One image of a post: ``url`` is served only to who may see the post (a session or
    this API's token), 404 to anyone else."""

    url = serializers.SerializerMethodField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()

    def get_url(self, image) -> str:
        request = self.context.get("request")
        url = image.image.url
        return request.build_absolute_uri(url) if request is not None else url


class PostSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    reactions = serializers.SerializerMethodField()
    images = PostImageSerializer(many=True, read_only=True)

    class Meta:
        model = Post
        fields = [
            "id",
            "thread",
            "author",
            "reply_to",
            "body",
            "html",
            "status",
            "reactions",
            "images",
            "created_at",
            "edited_at",
        ]

    def get_author(self, post) -> str:
        return author_name(post.author)

    @extend_schema_field(serializers.ChoiceField(choices=PUBLIC_STATUS_CHOICES))
    def get_status(self, post) -> str:
        # A deleted post is only ever shown to moderators; to the API it is hidden.
        return PostStatus.HIDDEN if post.status == PostStatus.DELETED else post.status

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField()))
    def get_reactions(self, post) -> dict:
        counts: dict[str, int] = {}
        for reaction in post.reactions.all():
            counts[reaction.emoji] = counts.get(reaction.emoji, 0) + 1
        return counts


class QueueItemSerializer(PostSerializer):
    thread_title = serializers.CharField(source="thread.title", read_only=True)
    held_reason = serializers.CharField(read_only=True)
    spam_score = serializers.FloatField(read_only=True)
    reports = serializers.SerializerMethodField()

    class Meta(PostSerializer.Meta):
        fields = [*PostSerializer.Meta.fields, "thread_title", "held_reason", "spam_score", "reports"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_reports(self, post) -> list[str]:
        return [report.reason for report in post.reports.all()]


IMAGES_HELP = (
    f"Up to {MAX_POST_IMAGES} images (JPEG, PNG or WebP; re-encoded by the server). A refused image "
    "is a 400 with code invalid_upload or too_many_images, and nothing is stored."
)


class ThreadCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=20_000)
    is_question = serializers.BooleanField(required=False, default=False)


class ThreadCreateMultipartSerializer(ThreadCreateSerializer):
    """The same as JSON, as ``multipart/form-data`` with the images."""

    images = serializers.ListField(child=serializers.FileField(), required=False, help_text=IMAGES_HELP)


class ThreadCreatedSerializer(ThreadSerializer):
    first_post = PostSerializer(read_only=True)

    class Meta(ThreadSerializer.Meta):
        fields = [*ThreadSerializer.Meta.fields, "first_post"]


class PostCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=20_000)
    reply_to = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    quote = serializers.BooleanField(required=False, default=False)


class PostCreateMultipartSerializer(PostCreateSerializer):
    """The same as JSON, as ``multipart/form-data`` with the images."""

    images = serializers.ListField(child=serializers.FileField(), required=False, help_text=IMAGES_HELP)


class ReactionSerializer(serializers.Serializer):
    emoji = serializers.ChoiceField(choices=[(e, e) for e in Reaction.EMOJI])


class ReportSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class ReportCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    post = serializers.IntegerField(source="post_id")
    reason = serializers.CharField()


MODERATION_ACTIONS = [
    ModerationAction.APPROVE,
    ModerationAction.HIDE,
    ModerationAction.RESTORE,
    ModerationAction.DELETE,
    ModerationAction.EDIT,
]


class ModerationSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[(a.value, a.label) for a in MODERATION_ACTIONS])
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    body = serializers.CharField(max_length=20_000, required=False)


class SearchResultSerializer(PostSerializer):
    thread_title = serializers.CharField(source="thread.title", read_only=True)

    class Meta(PostSerializer.Meta):
        fields = [*PostSerializer.Meta.fields, "thread_title"]
