"""What the challenges API reads and answers. Output serializers ask
``challenges.policies`` what the viewer may see (standings, feedback, original text)."""

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, inline_serializer
from rest_framework import serializers

from core.i18n import LANGUAGE_CHOICES
from people.models import Department, Location, Role

from .. import policies, selectors
from ..models import (
    Audience,
    Challenge,
    ChallengeKind,
    ChallengeState,
    Decision,
    Network,
    Participation,
    Story,
    StoryStatus,
    WinnerRule,
)
from ..services import MAX_IMAGES

# The page parameters of the views that paginate by hand, as the default pagination documents them.
PAGE_PARAMETERS = [
    OpenApiParameter("page", {"type": "integer", "minimum": 1}, description="A page number within the results."),
    OpenApiParameter("page_size", {"type": "integer", "minimum": 1, "maximum": 100}, description="Results per page."),
]


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
    # As members see it now (Challenge.state_at), not the stored column a late task updates.
    state = serializers.ChoiceField(source="live_state", choices=ChallengeState.choices, read_only=True)
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
        return self.context["request"].build_absolute_uri(reverse("challenges:detail", args=[obj.pk]))

    def get_standings(self, obj) -> list[dict]:
        """Everyone's scores for the challenge's managers; members see the winners only."""
        return obj.standings if policies.can_see_standings(self.context["request"].user, obj) else []


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
    link_url = serializers.URLField(read_only=True, allow_null=True, help_text="The story's link; null without one.")
    video = serializers.SerializerMethodField()
    public_url = serializers.SerializerMethodField()
    was_edited = serializers.BooleanField(read_only=True)
    original_text = serializers.CharField(
        read_only=True, allow_null=True, help_text="Only for the creator and editors."
    )
    feedback = serializers.CharField(read_only=True, allow_null=True, help_text="Only for the creator and editors.")
    messages = serializers.PrimaryKeyRelatedField(many=True, read_only=True, help_text="Key messages it serves.")
    plan_item = serializers.SerializerMethodField(
        help_text="The content plan's item it was written for; null without one."
    )

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
            "withdrawn_at",
            "photo_consent_at",
            "public_url",
            "messages",
            "plan_item",
            "share_from",
            "share_until",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["link_url"] = instance.link_url or None  # a URI or null, as documented, never ""
        if not policies.can_see_feedback(self.context["request"].user, instance):
            data["original_text"] = None
            data["feedback"] = None
        return data

    def get_plan_item(self, obj) -> int | None:
        return getattr(obj, "plan_item_id", None)

    def get_video(self, obj) -> str | None:
        return self.context["request"].build_absolute_uri(obj.video.url) if obj.video else None

    def get_public_url(self, obj) -> str | None:
        if obj.status != StoryStatus.APPROVED:
            return None
        return self.context["request"].build_absolute_uri(reverse("challenges:public_story", args=[obj.public_id]))


class SuggestionSerializer(StorySerializer):
    """A story in my feed; ``context["disclosure"]`` is the organisation's disclosure line,
    read once per page."""

    shared_on = serializers.SerializerMethodField()
    suggested_caption = serializers.SerializerMethodField()

    class Meta(StorySerializer.Meta):
        fields = [*StorySerializer.Meta.fields, "shared_on", "suggested_caption"]
        read_only_fields = fields

    def get_shared_on(self, obj) -> list[str]:
        return [share.network for share in getattr(obj, "my_shares", [])]

    def get_suggested_caption(self, obj) -> str:
        return selectors.caption_for(story=obj, disclosure=self.context["disclosure"])


class StorySubmitSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True, max_length=160)
    text = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    link_url = serializers.CharField(required=False, allow_blank=True, max_length=500)
    images = serializers.ListField(child=serializers.FileField(), required=False, max_length=MAX_IMAGES)
    video = serializers.FileField(required=False)
    challenge = serializers.IntegerField(required=False)
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, required=False)
    photo_consent = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Required (true) with images: the people in the photos agreed that they may be shared.",
    )
    messages = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text="Ids of the key messages the story serves; left out: the challenge's.",
    )
    checks = serializers.ListField(
        child=serializers.CharField(max_length=20),
        required=False,
        default=list,
        help_text="Keys of the current guidelines' per-story checks (GET /guidelines/current/), all required.",
    )
    plan_item = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Id of the member's own item in the content plan this story was written for; it moves to "
        "'submitted'. Not the member's or not there: 400 `unknown_plan_item`; it has a story already: 400 "
        "`plan_item_taken`.",
    )


class ReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.values)
    feedback = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    text = serializers.CharField(required=False, allow_blank=True, max_length=5000, allow_null=True)
    caption = serializers.CharField(required=False, allow_blank=True, max_length=1000, allow_null=True)
    caption_fixed = serializers.BooleanField(required=False, allow_null=True, default=None)
    messages = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Corrected key messages.",
    )
    audience = inline_serializer(
        "SuggestionAudience",
        {
            "departments": serializers.ListField(child=serializers.IntegerField(), required=False),
            "locations": serializers.ListField(child=serializers.IntegerField(), required=False),
            "roles": serializers.ListField(child=serializers.CharField(), required=False),
            "languages": serializers.ListField(child=serializers.CharField(), required=False),
        },
        required=False,
        allow_null=True,
        default=None,
        help_text="With approve: who the story is suggested to (left out or empty: everyone).",
    )
    share_from = serializers.DateTimeField(required=False, allow_null=True, default=None)
    share_until = serializers.DateTimeField(required=False, allow_null=True, default=None)


class ShareRequestSerializer(serializers.Serializer):
    network = serializers.ChoiceField(choices=Network.values)
    caption = serializers.CharField(required=False, allow_blank=True, max_length=3000)


class ShareResultSerializer(serializers.Serializer):
    share_url = serializers.CharField()
    tracking_url = serializers.CharField()
    caption = serializers.CharField()
    network = serializers.CharField()
