from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.search import index

from core.i18n import LANGUAGE_CHOICES

from .validators import validate_avatar


class Role(models.TextChoices):
    AMBASSADOR = "ambassador", _("Social Ambassador")
    CREATOR = "creator", _("Social Creator")
    ACTIVATOR = "activator", _("Social Activator")
    EDITOR = "editor", _("Social Editor")
    MASTER = "master", _("Social Master")


# How far along the Social Shift ladder a role is; promotions only ever move up.
ROLE_RANK = {
    Role.AMBASSADOR: 0,
    Role.CREATOR: 1,
    Role.ACTIVATOR: 2,
    Role.EDITOR: 2,
    Role.MASTER: 3,
}


class NamedUnit(index.Indexed, models.Model):
    """A part of the organisation known by its name (a department, a location)."""

    name = models.CharField(_("name"), max_length=120, unique=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Department(NamedUnit):
    class Meta(NamedUnit.Meta):
        verbose_name = _("department")
        verbose_name_plural = _("departments")


class Location(NamedUnit):
    class Meta(NamedUnit.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")


class MemberManager(UserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        member = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        member.set_password(password)
        member.save(using=self._db)
        return member

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.MASTER)
        return self._create_user(email, password, **extra_fields)


class LeaderboardVisibility(models.TextChoices):
    VISIBLE = "visible", _("Show my name")
    ANONYMOUS = "anonymous", _("Show me as an anonymous ambassador")
    HIDDEN = "hidden", _("Leave me off the leaderboards")


class Gender(models.TextChoices):
    UNDISCLOSED = "", _("Prefer not to say")
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    OTHER = "other", _("Another gender")


class AgeBand(models.TextChoices):
    UNDISCLOSED = "", _("Prefer not to say")
    UNDER_25 = "under_25", _("Under 25")
    FROM_25 = "25_34", _("25–34")
    FROM_35 = "35_44", _("35–44")
    FROM_45 = "45_54", _("45–54")
    FROM_55 = "55_plus", _("55 or older")


class Member(AbstractUser):
    """A person in the organisation. Logs in with e-mail; their Social Shift role and
    the HR flag decide what they may see and do (see ``people.roles``)."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"), max_length=120, blank=True, help_text=_("How colleagues see you.")
    )
    role = models.CharField(_("Social Shift role"), max_length=20, choices=Role.choices, default=Role.AMBASSADOR)
    is_hr = models.BooleanField(
        _("HR"), default=False, help_text=_("Sees participation reports (aggregates, not private content).")
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    editor_for_all_departments = models.BooleanField(
        _("Social Editor for all departments"),
        default=False,
        help_text=_(
            "For a Social Editor: also reviews the stories of departments that have no Social Editor of their own."
        ),
    )
    location = models.ForeignKey(
        Location, verbose_name=_("location"), null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="nl")
    avatar = models.ImageField(_("avatar"), upload_to="avatars/", blank=True, validators=[validate_avatar])
    network_size = models.PositiveIntegerField(
        _("network size"),
        null=True,
        blank=True,
        help_text=_("Roughly how many connections you have, e.g. on LinkedIn."),
    )
    email_notifications = models.BooleanField(_("e-mail me notifications"), default=True)
    email_outside_office_hours = models.BooleanField(
        _("also e-mail me in the evening and at the weekend"),
        default=False,
        help_text=_("Otherwise e-mails wait until the next working morning."),
    )
    role_changed_at = models.DateTimeField(_("role changed at"), null=True, blank=True)
    in_pilot = models.BooleanField(
        _("in the pilot group"),
        default=False,
        db_index=True,
        help_text=_("The early adopters the Social Master picked to start the programme with."),
    )
    leaderboard_visibility = models.CharField(
        _("on leaderboards"),
        max_length=10,
        choices=LeaderboardVisibility.choices,
        default=LeaderboardVisibility.VISIBLE,
    )
    # Optional, only for balancing the pilot group and aggregate reports; never shown per person.
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True, default="")
    age_band = models.CharField(_("age"), max_length=10, choices=AgeBand.choices, blank=True, default="")
    privacy_consent_at = models.DateTimeField(_("privacy explanation accepted at"), null=True, blank=True)
    onboarded_at = models.DateTimeField(_("onboarding finished at"), null=True, blank=True)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    # Raised by "log out everywhere" (``people.services.accounts.log_out_everywhere``): it is
    # part of the session auth hash, so every session signed with the old value ends.
    session_generation = models.PositiveIntegerField(_("session generation"), default=0, editable=False)
    # Provisioning from the organisation's identity provider (SCIM, ``people.services.provisioning``):
    # the IdP's own id for the person, and when the IdP deleted them (the member is switched
    # off and hidden from SCIM; their data stays under the privacy rules).
    scim_external_id = models.CharField(_("external id (SCIM)"), max_length=255, blank=True, default="")
    deprovisioned_at = models.DateTimeField(_("deprovisioned at"), null=True, blank=True, editable=False)
    # Outcomes (docs/outcomes.md): the department a member manages (their team's shares nudge
    # them to react), the wave they joined the programme in (1: the front-runners), and
    # whether they get the monthly management summary by e-mail.
    manager_of = models.ForeignKey(
        Department,
        verbose_name=_("manager of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managers",
        help_text=_("The department this member manages: they are asked to react when their team shares."),
    )
    wave = models.PositiveSmallIntegerField(
        _("wave"), null=True, blank=True, help_text=_("1: the front-runners; later groups 2, 3, …")
    )
    monthly_summary = models.BooleanField(_("e-mail me the monthly management summary"), default=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = MemberManager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["display_name", "email"]
        indexes = [
            models.Index(fields=["role"]),
            models.Index(fields=["department", "role"]),
            # The few members off the leaderboards: the SQL boards count the rows above a
            # member without them (an anti-join on this small index) instead of joining
            # every member (gamification.leaderboards.sql).
            models.Index(
                fields=["id"],
                condition=Q(is_active=False) | Q(leaderboard_visibility=LeaderboardVisibility.HIDDEN),
                name="member_off_boards",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.display_name or self.get_full_name() or self.email.split("@")[0]

    def get_session_auth_hash(self):
        """Django's hash of the password, with the session generation folded in once it has
        been raised (generation 0 keeps Django's own value, so no session ends on deploy)."""
        if not self.session_generation:
            return super().get_session_auth_hash()
        return self._generation_hash(secret=None)

    def get_session_auth_fallback_hash(self):
        if not self.session_generation:
            yield from super().get_session_auth_fallback_hash()
            return
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._generation_hash(secret=fallback_secret)

    def _generation_hash(self, *, secret):
        return salted_hmac(
            "people.Member.get_session_auth_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def is_master(self):
        return self.role == Role.MASTER or self.is_superuser

    @property
    def is_editor(self):
        return self.role == Role.EDITOR

    @property
    def is_activator(self):
        return self.role == Role.ACTIVATOR


class Notification(models.Model):
    """One message to one member: always in the in-app list; e-mailed when the member wants
    e-mail, and then only within office hours unless they opted in (``email_due_at``)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=50)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_due_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["member", "-created_at"]),
            models.Index(fields=["member"], name="notification_unread_idx", condition=Q(read_at__isnull=True)),
            models.Index(
                fields=["email_due_at"], name="notification_email_due_idx", condition=Q(emailed_at__isnull=True)
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["member", "dedupe_key"], name="notification_once_per_key"),
        ]

    def __str__(self):
        return self.title


class Invitation(models.Model):
    """An e-mail invitation to join the programme. The join link carries a signed token
    (``people.invitations.token_for``) that expires; a new ``nonce`` invalidates old links."""

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    location = models.ForeignKey(
        Location, verbose_name=_("location"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("personal message"), blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    invited_by = models.ForeignKey(
        Member, verbose_name=_("invited by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nonce = models.CharField(max_length=32)
    created_at = models.DateTimeField(_("invited at"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("link valid until"))
    reminded_at = models.DateTimeField(_("last reminder at"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    member = models.OneToOneField(Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitation")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [
            models.Index(fields=["sent_at"], name="invitation_open_idx", condition=Q(accepted_at__isnull=True)),
        ]

    def __str__(self):
        return self.email

    @property
    def is_open(self):
        return self.accepted_at is None


class AuditAction(models.TextChoices):
    ROLE_CHANGED = "role_changed", _("Role changed")
    MEMBER_ERASED = "member_erased", _("Member erased")
    DATA_EXPORTED = "data_exported", _("Personal data exported")
    REPORT_EXPORTED = "report_exported", _("Report exported")
    PER_PERSON_VIEWED = "per_person_viewed", _("Per-person report viewed")
    INVITATIONS_SENT = "invitations_sent", _("Invitations sent")
    PILOT_CHANGED = "pilot_changed", _("Pilot group changed")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET = "password_reset", _("Password reset by e-mail")
    LOGGED_OUT_EVERYWHERE = "logged_out_everywhere", _("Logged out everywhere")
    PROVISIONED = "provisioned", _("Provisioned by the identity provider")
    DEACTIVATED = "deactivated", _("Deactivated")
    REACTIVATED = "reactivated", _("Reactivated")
    DEPROVISIONED = "deprovisioned", _("Deleted by the identity provider")
    UPDATED_BY_IDP = "updated_by_idp", _("Updated by the identity provider")


class AuditLog(models.Model):
    """Who did what to which member, for accountability. Holds ids and codes only, never
    names or e-mail addresses, so erasing a member leaves the trail intact but anonymous."""

    actor = models.ForeignKey(
        Member, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=30, choices=AuditAction.choices)
    target_id = models.PositiveBigIntegerField(_("member id"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["-created_at"]), models.Index(fields=["target_id", "-created_at"])]

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"


@register_setting(icon="key")
class IdentitySettings(BaseGenericSetting):
    """How members log in (docs/identity.md): a Social Master can make single sign-on the only
    way in, keeping one break-glass account that still logs in with its password (and second
    factor) for when the identity provider is down."""

    sso_only = models.BooleanField(
        _("log in only through single sign-on"),
        default=False,
        help_text=_(
            "Passwords stop working for everyone but the break-glass account. Only has effect when "
            "single sign-on is configured."
        ),
    )
    break_glass_account = models.ForeignKey(
        Member,
        verbose_name=_("break-glass account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The one account that still logs in with e-mail and password. Keep it a Social Master's."),
    )

    panels = [FieldPanel("sso_only"), FieldPanel("break_glass_account")]

    class Meta:
        verbose_name = _("login settings")
