"""Challenges a Master launches, the stories creators submit (inside a challenge or as a
free "share a moment"), the editors' decisions on them, and how ambassadors share them.

State changes live in ``challenges.services``, reads in ``challenges.selectors``, and who
may do what in ``challenges.policies``.
"""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.search import index

from core.i18n import LANGUAGE_CHOICES
from core.storage import PrivateStorage
from people.models import Role

# Story photos and videos are private (``core.storage``): ``.url`` points at
# ``challenges.views.story_media`` (``/story-media/<name>``), which serves a file to the
# story's creator and reviewers, and to everyone only while the story is approved.
STORY_MEDIA_URL = "/story-media/"
_story_media = PrivateStorage(base_url=STORY_MEDIA_URL)


def story_media_storage() -> PrivateStorage:
    return _story_media


class ChallengeState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed: waiting for the judge")
    JUDGED = "judged", _("Winners announced")


class ChallengeKind(models.TextChoices):
    STORY = "story", _("Story")
    PHOTO = "photo", _("Photo")
    VIDEO = "video", _("Video")
    LINK = "link", _("Link or article")
    SHARE = "share", _("Share")


class Participation(models.TextChoices):
    INDIVIDUAL = "individual", _("Individuals")
    TEAM = "team", _("Teams (departments compete)")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    DEPARTMENTS = "departments", _("Departments")
    LOCATIONS = "locations", _("Locations")
    PILOT = "pilot", _("The pilot group")
    ROLES = "roles", _("Roles")


class WinnerRule(models.TextChoices):
    MOST_POINTS = "most_points", _("Most points in the challenge")
    JUDGED = "judged", _("Judged by the Social Master")


class Challenge(index.Indexed, models.Model):
    """A time-boxed assignment ("share a photo of a success moment this week").

    ``state`` moves draft → scheduled → open → closed → judged, only through the services;
    Celery opens and closes scheduled challenges on time."""

    title = models.CharField(_("title"), max_length=160)
    brief = RichTextField(_("brief"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    example = models.TextField(_("example"), blank=True, help_text=_("An example of a good entry."))
    kind = models.CharField(_("kind"), max_length=10, choices=ChallengeKind.choices, default=ChallengeKind.STORY)
    participation = models.CharField(
        _("for"), max_length=12, choices=Participation.choices, default=Participation.INDIVIDUAL
    )
    audience = models.CharField(_("audience"), max_length=12, choices=Audience.choices, default=Audience.EVERYONE)
    departments = models.ManyToManyField(
        "people.Department", verbose_name=_("departments"), blank=True, related_name="challenges"
    )
    locations = models.ManyToManyField("people.Location", verbose_name=_("locations"), blank=True, related_name="+")
    # Comma-wrapped role values (",creator,editor,"): exact matches with a plain LIKE on
    # SQLite and PostgreSQL alike, without a join table for five fixed values.
    roles = models.CharField(_("roles"), max_length=80, blank=True)
    open_to_all_members = models.BooleanField(
        _("every member may submit"),
        default=False,
        help_text=_("Otherwise only Social Creators (and above) submit entries."),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    points_per_entry = models.PositiveIntegerField(_("points per approved entry"), default=10)
    winner_bonus = models.PositiveIntegerField(_("winner bonus"), default=50)
    entries_per_member = models.PositiveSmallIntegerField(
        _("entries allowed per member"), default=1, validators=[MinValueValidator(1)]
    )
    winner_rule = models.CharField(
        _("winner chosen by"), max_length=12, choices=WinnerRule.choices, default=WinnerRule.MOST_POINTS
    )
    badge = models.ForeignKey(
        "gamification.BadgeClass",
        verbose_name=_("badge for winners"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("run by department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set for a Social Activator's challenge: they manage it for their own department."),
    )
    state = models.CharField(_("state"), max_length=10, choices=ChallengeState.choices, default=ChallengeState.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    judged_at = models.DateTimeField(null=True, blank=True)
    # Fixed at closing: [{"rank", "member_id"|"department_id", "name", "score"}, …] and
    # the winners, so the page states ties instead of hiding them.
    standings = models.JSONField(default=list, blank=True, editable=False)
    winners = models.JSONField(default=list, blank=True, editable=False)

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["-opens_at", "-id"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        indexes = [
            models.Index(fields=["state", "opens_at"]),
            models.Index(fields=["state", "closes_at"]),
            models.Index(fields=["department", "state"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="challenge_closes_after_open")
        ]

    def __str__(self):
        return self.title

    @property
    def role_list(self) -> list[str]:
        return [r for r in self.roles.split(",") if r]

    def set_roles(self, roles) -> None:
        roles = [r for r in roles if r in Role.values]
        self.roles = f",{','.join(sorted(set(roles)))}," if roles else ""

    @property
    def board(self) -> str:
        return f"challenge-{self.pk}"

    @property
    def is_team(self) -> bool:
        return self.participation == Participation.TEAM

    def state_at(self, moment) -> str:
        """The state members see at ``moment``, derived from the clock when read: a scheduled
        challenge whose opening time has passed is open, an open one whose closing time has
        passed is closed, even while the opening and closing task is late."""
        if self.state == ChallengeState.SCHEDULED and self.opens_at <= moment:
            return ChallengeState.OPEN if self.closes_at > moment else ChallengeState.CLOSED
        if self.state == ChallengeState.OPEN and self.closes_at <= moment:
            return ChallengeState.CLOSED
        return self.state

    @property
    def live_state(self) -> str:
        return self.state_at(timezone.now())

    def get_live_state_display(self) -> str:
        return ChallengeState(self.live_state).label

    def is_open_at(self, moment) -> bool:
        """Whether entries are accepted at ``moment`` (see ``state_at``)."""
        return self.state_at(moment) == ChallengeState.OPEN

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The end must be after the start.")})


class StoryStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def open_at(moment) -> Q:
    """Challenges open at ``moment``, as ``Challenge.state_at`` decides, for a filter."""
    return (Q(state=ChallengeState.OPEN) | Q(state=ChallengeState.SCHEDULED, opens_at__lte=moment)) & Q(
        closes_at__gt=moment
    )


def _public_id():
    return uuid.uuid4().hex


class Story(models.Model):
    """What a creator submits: text, images, a video or a link. An editor's edit goes to
    ``text``; ``original_text`` keeps what the creator wrote."""

    public_id = models.CharField(max_length=32, unique=True, default=_public_id, editable=False)
    creator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stories")
    challenge = models.ForeignKey(
        Challenge, verbose_name=_("challenge"), null=True, blank=True, on_delete=models.SET_NULL, related_name="stories"
    )
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="nl")
    title = models.CharField(_("title"), max_length=160, blank=True)
    original_text = models.TextField(_("text as submitted"), blank=True)
    text = models.TextField(_("text"), blank=True)
    link_url = models.URLField(_("link"), max_length=500, blank=True)
    # Indexed: the media view finds the story of a file by its name.
    video = models.FileField(
        _("video"), upload_to="stories/videos/%Y/%m/", storage=story_media_storage, blank=True, db_index=True
    )
    caption = models.TextField(
        _("suggested caption"), blank=True, help_text=_("What ambassadors see as the text to share.")
    )
    caption_fixed = models.BooleanField(
        _("caption is fixed"), default=False, help_text=_("Otherwise ambassadors may change the caption.")
    )
    status = models.CharField(_("status"), max_length=20, choices=StoryStatus.choices, default=StoryStatus.SUBMITTED)
    feedback = models.TextField(_("editor's feedback"), blank=True)
    edited_by_editor = models.BooleanField(_("edited by the editor"), default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    photo_consent_at = models.DateTimeField(
        _("people in the photos agreed at"),
        null=True,
        blank=True,
        help_text=_("When the creator confirmed that the people in the photos agreed to their sharing."),
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        indexes = [
            models.Index(fields=["status", "department", "submitted_at"]),
            models.Index(fields=["status", "-approved_at"]),
            models.Index(fields=["creator", "-submitted_at"]),
            models.Index(fields=["challenge", "status"]),
        ]

    def __str__(self):
        return self.title or (self.text[:60] if self.text else f"#{self.pk}")

    @property
    def was_edited(self) -> bool:
        return self.text != self.original_text


class StoryImage(models.Model):
    """An uploaded photo, re-encoded by the server (metadata such as the location gone)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(
        upload_to="stories/images/%Y/%m/",
        storage=story_media_storage,
        width_field="width",
        height_field="height",
        db_index=True,
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["story", "position", "id"]

    def __str__(self):
        return self.image.name


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approved")
    REQUEST_CHANGES = "request_changes", _("Changes requested")
    REJECT = "reject", _("Rejected")


class ReviewDecision(models.Model):
    """The log of every editorial decision: who, when, what."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="decisions")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    feedback = models.TextField(_("feedback"), blank=True)
    edited = models.BooleanField(_("text edited"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        indexes = [models.Index(fields=["story", "-created_at"])]

    def __str__(self):
        return f"{self.story_id}: {self.decision}"


class Compliment(models.Model):
    """A manager's or Master's recognition of a story (the texts say it motivates strongly)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="compliments")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.CharField(_("message"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["story", "by"], name="compliment_once_per_story")]

    def __str__(self):
        return f"{self.by_id} → {self.story_id}"


def _share_code():
    return secrets.token_urlsafe(9)


class Network(models.TextChoices):
    LINKEDIN = "linkedin", "LinkedIn"
    X = "x", "X"
    FACEBOOK = "facebook", "Facebook"
    WHATSAPP = "whatsapp", "WhatsApp"
    EMAIL = "email", _("E-mail")


class ShareLink(models.Model):
    """The tracked link ``/s/<code>`` of one member for one story."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="share_links")
    code = models.CharField(max_length=20, unique=True, default=_share_code)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "story"], name="share_link_once")]

    def __str__(self):
        return self.code


class Share(models.Model):
    """A member chose to share a story on a network (we only open the network's dialog)."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="shares")
    network = models.CharField(max_length=10, choices=Network.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["member", "story", "network"], name="share_once_per_network")]
        indexes = [models.Index(fields=["created_at"]), models.Index(fields=["story", "created_at"])]

    def __str__(self):
        return f"{self.member_id} {self.story_id} {self.network}"


class ShareClick(models.Model):
    """One unique visitor per day on a tracked link. ``visitor_hash`` is a hash with a salt
    that changes daily: no IP address is stored, and days cannot be linked."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="clicks")
    day = models.DateField()
    visitor_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "day", "visitor_hash"], name="click_once_per_day")]
        indexes = [models.Index(fields=["created_at"]), models.Index(fields=["day"])]

    def __str__(self):
        return f"{self.link_id} {self.day}"


class SuggestionDismissal(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="dismissals")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "story"], name="dismissal_once")]

    def __str__(self):
        return f"{self.member_id} ✕ {self.story_id}"


class SuggestionDigest(models.Model):
    """The weekly digest one member got: at most one per week, listing at most the cap."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()
    story_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "week"], name="digest_once_per_week")]

    def __str__(self):
        return f"{self.member_id} {self.week}"


@register_setting(icon="link")
class SharingSettings(BaseGenericSetting):
    disclosure_line = models.CharField(
        _("disclosure line"),
        max_length=200,
        blank=True,
        help_text=_("Appended to every suggested caption, e.g. “I work at …”. Empty: none."),
    )
    click_retention_days = models.PositiveIntegerField(
        _("keep click logs for (days)"), default=90, validators=[MinValueValidator(1)]
    )
    weekly_suggestion_cap = models.PositiveSmallIntegerField(
        _("suggestions per weekly digest"), default=5, validators=[MinValueValidator(1)]
    )

    panels = [FieldPanel("disclosure_line"), FieldPanel("click_retention_days"), FieldPanel("weekly_suggestion_cap")]

    class Meta:
        verbose_name = _("sharing settings")
