"""Points, levels, badges, streaks and prizes. Knows nothing about lessons or stories:
other apps call ``gamification.services.points.record_action`` and pass whatever scopes (boards)
they know about as plain strings."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


def in_language(text: str, text_en: str) -> str:
    """The English text when English is active and there is one; otherwise the text as
    the Master wrote it (Dutch by default)."""
    return text_en if text_en and (get_language() or "").startswith("en") else text


board_name_validator = RegexValidator(r"^[a-z]+(-\d+)?$", _("A board is a word, optionally followed by -<number>."))


class PointRule(index.Indexed, models.Model):
    """How many points an action is worth, with the cheat guards a Master sets."""

    action = models.SlugField(_("action"), max_length=64, unique=True, help_text=_("e.g. lesson_completed"))
    label = models.CharField(_("label"), max_length=120, help_text=_("What members read in their points history."))
    label_en = models.CharField(_("label (English)"), max_length=120, blank=True)
    points = models.IntegerField(_("points"))
    active = models.BooleanField(_("active"), default=True)
    daily_cap = models.PositiveIntegerField(
        _("daily cap"),
        null=True,
        blank=True,
        help_text=_("At most this many awards of this action per member per day."),
    )
    cooldown_seconds = models.PositiveIntegerField(
        _("cooldown (seconds)"), default=0, help_text=_("Minimum time between two awards of this action to one member.")
    )
    valid_from = models.DateTimeField(_("valid from"), null=True, blank=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)

    search_fields = [index.SearchField("action"), index.SearchField("label"), index.AutocompleteField("label")]

    class Meta:
        ordering = ["action"]
        verbose_name = _("point rule")
        verbose_name_plural = _("point rules")

    def __str__(self):
        return f"{self.display_label} ({self.points:+d})"

    @property
    def display_label(self):
        return in_language(self.label, self.label_en)

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValidationError({"valid_until": _("The end must be after the start.")})


class PointsEntry(models.Model):
    """One line of the append-only ledger, the source of truth for every total and board.
    The same (member, action, ref) is recorded once; corrections are new (negative) lines."""

    # No index of its own: every index below starts with the member (written on every award).
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="points_entries", db_index=False
    )
    action = models.CharField(max_length=64)
    ref = models.CharField(max_length=200)
    points = models.IntegerField()
    occurred_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    label = models.CharField(max_length=200, blank=True)
    url = models.CharField(max_length=500, blank=True)
    reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("points entry")
        verbose_name_plural = _("points entries")
        constraints = [models.UniqueConstraint(fields=["member", "action", "ref"], name="points_once_per_ref")]
        indexes = [
            models.Index(fields=["member", "-occurred_at"]),
            models.Index(fields=["occurred_at", "member"]),
            models.Index(fields=["member", "action", "occurred_at"]),
        ]

    def __str__(self):
        return f"{self.member_id} {self.action} {self.points:+d}"


class BoardEntry(models.Model):
    """An entry's points also count on a board the caller named (e.g. ``challenge-7``)."""

    entry = models.ForeignKey(
        PointsEntry, on_delete=models.CASCADE, related_name="board_entries", db_index=False
    )  # the (entry, board) constraint's index serves it
    board = models.CharField(max_length=64, validators=[board_name_validator])
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    points = models.IntegerField()
    occurred_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "board"], name="board_entry_once")]
        indexes = [models.Index(fields=["board", "occurred_at"]), models.Index(fields=["board", "member"])]

    def __str__(self):
        return f"{self.board}: {self.points:+d}"


class PointsTotal(models.Model):
    """Running all-time total per member, changed in the same transaction as the ledger
    (so it can never disagree with it) and rebuildable from it."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="points_total"
    )
    total = models.IntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["-total", "member"])]

    def __str__(self):
        return f"{self.member_id}: {self.total}"


class BoardTotal(models.Model):
    """A member's points on a board in one period bucket (``leaderboards.periods.bucket``:
    ``w2026-12-07``, ``m2026-12``, ``all``), added to in the same transaction (or statement,
    ``ledger_pg``) as the ledger line, so the SQL boards rank these rows instead of the
    ledger; rebuilt from it by ``rebuild_board_totals``.

    ``board`` is ``all`` (week and month buckets; all-time is ``PointsTotal``) or a caller's
    scope (``challenge-7``, every bucket). Department and location boards are the ``all``
    rows of the members who are in that department or location when the board is read, and
    who is active or hidden is read from the member then too: a move, a hidden profile or an
    erasure changes no row here."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )  # the constraint's index serves it
    board = models.CharField(max_length=64)
    bucket = models.CharField(max_length=16)
    points = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "board", "bucket"], name="board_total_once")]
        indexes = [models.Index(fields=["board", "bucket", "-points", "member"], name="board_total_ranking")]

    def __str__(self):
        return f"{self.board} {self.bucket} {self.member_id}: {self.points}"


class ActiveWeek(models.Model):
    """A week (starting Monday, local time) in which a member earned points: streaks."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="active_weeks", db_index=False
    )  # the (member, week) constraint's index serves it
    week = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "week"], name="active_week_once")]
        ordering = ["-week"]

    def __str__(self):
        return f"{self.member_id} {self.week}"


class ActivityWeek(models.Model):
    """Weekly activity per member, the rollup the participation reports read instead of the
    ledger and the activity tables. ``kind`` is ``"ledger"`` for ledger lines (``action``
    the line's action: ``count`` lines worth ``points``), ``"active"`` for the same lines of
    all actions together (one row per member and week with any line: the narrow row that
    "active members" reads, where the per-action rows would count a member once per action),
    or a plain word another app counts (``lessons``, ``shares``: ``count`` of them,
    ``action`` empty). Weeks start on Monday in ``TIME_ZONE`` (Europe/Amsterdam), as boards
    and streaks do.

    It lives here because ``record_action`` writes the ledger: its rows are added to in the
    same transaction (or statement, ``ledger_pg``), and the apps above tell it what else
    they count with plain words, as they name boards. ``cms.reports`` reads it; the command
    ``rebuild_activity_weeks`` rebuilds it from the sources."""

    LEDGER = "ledger"
    ACTIVE = "active"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )  # the constraint's index serves it
    week = models.DateField()
    kind = models.CharField(max_length=32)
    action = models.CharField(max_length=64, blank=True)
    count = models.IntegerField(default=0)
    points = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "week", "kind", "action"], name="activity_week_once")]
        # Reports read one kind over a range of weeks: kind first, so a sparse kind (shares)
        # reads its own rows only, and ``count`` in the key, so the index answers alone (SQLite
        # has no INCLUDE).
        indexes = [models.Index(fields=["kind", "week", "member", "count"], name="activity_week_kind_week")]

    def __str__(self):
        return f"{self.member_id} {self.week} {self.kind} {self.action} {self.count}"


class Level(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True, validators=[MinValueValidator(1)])
    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60, blank=True)
    threshold = models.PositiveIntegerField(_("points needed"), unique=True)

    class Meta:
        ordering = ["threshold"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")

    def __str__(self):
        return f"{self.number}. {self.display_name}"

    @property
    def display_name(self):
        return in_language(self.name, self.name_en)


class LevelReached(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="levels_reached", db_index=False
    )  # the (member, number) constraint's index serves it
    number = models.PositiveSmallIntegerField()
    reached_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "number"], name="level_reached_once")]

    def __str__(self):
        return f"{self.member_id} → {self.number}"


class BadgeCriterion(models.TextChoices):
    ACTION_COUNT = "action_count", _("At least N of an action")
    LEVEL = "level", _("Level reached")
    COURSE_COMPLETED = "course_completed", _("A course completed")
    PATH_COMPLETED = "path_completed", _("A learning path completed")
    CHALLENGE_WON = "challenge_won", _("A challenge won")
    STREAK_WEEKS = "streak_weeks", _("A streak of N weeks")
    MANUAL = "manual", _("Awarded by hand")


class BadgeClass(index.Indexed, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description = models.TextField(_("description"))
    description_en = models.TextField(_("description (English)"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A square PNG works best. Without one a simple badge is drawn."),
    )
    criterion = models.CharField(_("criterion"), max_length=20, choices=BadgeCriterion.choices)
    action = models.CharField(_("action"), max_length=64, blank=True, help_text=_("For 'at least N of an action'."))
    count = models.PositiveIntegerField(_("N"), default=1, help_text=_("How many actions, or weeks for a streak."))
    period_days = models.PositiveIntegerField(
        _("within days"), null=True, blank=True, help_text=_("Only count actions from the last N days.")
    )
    ref = models.CharField(
        _("specific reference"),
        max_length=200,
        blank=True,
        help_text=_("For a course, path or challenge: its reference; empty means any."),
    )
    level = models.PositiveSmallIntegerField(_("level"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("badge")
        verbose_name_plural = _("badges")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return in_language(self.name, self.name_en)

    @property
    def display_description(self):
        return in_language(self.description, self.description_en)

    def clean(self):
        if self.criterion == BadgeCriterion.ACTION_COUNT and not self.action:
            raise ValidationError({"action": _("Name the action to count.")})
        if self.criterion == BadgeCriterion.LEVEL and not self.level:
            raise ValidationError({"level": _("Choose the level.")})


class BadgeAward(models.Model):
    """A badge given to a member: an Open Badges 2.0 hosted assertion."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    badge = models.ForeignKey(BadgeClass, on_delete=models.PROTECT, related_name="awards")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="badge_awards")
    awarded_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    salt = models.CharField(max_length=32)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-awarded_at"]
        constraints = [models.UniqueConstraint(fields=["member", "badge"], name="badge_once_per_member")]
        indexes = [models.Index(fields=["member", "-awarded_at"])]

    def __str__(self):
        return f"{self.badge} → {self.member_id}"


class PrizeStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed: waiting for the jury")
    JUDGED = "judged", _("Winners announced")


def default_prize_formula():
    return {
        "story_approved": 10,
        "story_shared": 5,
        "share_click": 1,
        "session_attended": 5,
        "lesson_completed": 2,
    }


class PrizePeriod(index.Indexed, models.Model):
    """A period for the "best social media user" prize, scored by a published formula."""

    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    formula = models.JSONField(
        _("scoring formula"),
        default=default_prize_formula,
        help_text=_('Which actions count and how much: {"action": weight, …}.'),
    )
    nomination_weight = models.PositiveIntegerField(
        _("points per peer nomination"), default=0, help_text=_("0 switches peer nominations off.")
    )
    departments = models.ManyToManyField(
        "people.Department", blank=True, verbose_name=_("eligible departments"), help_text=_("Empty: everyone.")
    )
    winners_count = models.PositiveSmallIntegerField(
        _("number of winners"), default=1, validators=[MinValueValidator(1)]
    )
    jury = models.BooleanField(
        _("jury step"), default=False, help_text=_("A Master confirms the winners from the top candidates.")
    )
    badge = models.ForeignKey(
        BadgeClass, verbose_name=_("badge for winners"), null=True, blank=True, on_delete=models.SET_NULL
    )
    status = models.CharField(max_length=10, choices=PrizeStatus.choices, default=PrizeStatus.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    standings = models.JSONField(default=list, blank=True, editable=False)

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("prize period")
        verbose_name_plural = _("prize periods")
        indexes = [models.Index(fields=["status", "ends_at"])]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})
        if not isinstance(self.formula, dict) or not all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) for k, v in self.formula.items()
        ):
            raise ValidationError({"formula": _('Use {"action": whole number, …}.')})


class PrizeWinner(models.Model):
    period = models.ForeignKey(PrizePeriod, on_delete=models.CASCADE, related_name="winners")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prizes_won")
    rank = models.PositiveSmallIntegerField()
    score = models.IntegerField()
    motivation = models.TextField(blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["period", "rank"]
        constraints = [models.UniqueConstraint(fields=["period", "member"], name="prize_won_once")]

    def __str__(self):
        return f"{self.period}: {self.member_id}"


class Nomination(models.Model):
    period = models.ForeignKey(PrizePeriod, on_delete=models.CASCADE, related_name="nominations")
    nominator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    nominee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nominations")
    reason = models.TextField(_("why did they inspire you?"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "nominator"], name="one_nomination_per_period"),
            models.CheckConstraint(condition=~Q(nominator=models.F("nominee")), name="no_self_nomination"),
        ]

    def __str__(self):
        return f"{self.nominator_id} → {self.nominee_id}"


class SigningKey(models.Model):
    """An Ed25519 key the organisation signs Open Badges 3.0 credentials with. One is current
    (made on first use); a rotated key stays in the DID document as a verification method, so
    what it signed still verifies."""

    kid = models.CharField(max_length=64, unique=True)
    # PKCS#8 PEM sealed under SECRET_KEY (core.sealed): a database dump alone cannot sign.
    private_key = models.TextField(editable=False)
    public_jwk = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True), name="one_current_signing_key")
        ]

    def __str__(self):
        return self.kid


class Credential(models.Model):
    """An Open Badges 3.0 OpenBadgeCredential as issued, signed (VC-JWT). ``subject`` is the
    badge award's uuid or a certificate's; a revoked credential stays (its bit in the status
    list, at ``status_index``, is set) and a reinstated award gets a new one."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subject = models.UUIDField(db_index=True)
    data = models.JSONField(default=dict)
    jwt = models.TextField(blank=True)
    issued_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subject"], condition=Q(revoked_at__isnull=True), name="one_valid_credential_per_subject"
            )
        ]

    def __str__(self):
        return str(self.uuid)
