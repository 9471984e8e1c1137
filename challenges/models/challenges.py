"""Challenges a Master launches: the time-boxed assignment, who it is for and how its
winners are chosen."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.search import index

from people.models import Role


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
    # The key messages of the content strategy the challenge serves (suggested to its stories).
    messages = models.ManyToManyField(
        "strategy.KeyMessage", verbose_name=_("key messages"), blank=True, related_name="challenges"
    )
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


def open_at(moment) -> Q:
    """Challenges open at ``moment``, as ``Challenge.state_at`` decides, for a filter."""
    return (Q(state=ChallengeState.OPEN) | Q(state=ChallengeState.SCHEDULED, opens_at__lte=moment)) & Q(
        closes_at__gt=moment
    )
