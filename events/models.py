"""Kennissessies, LinkedIn-profile workshops, meetups and webinars.

Sessions are Wagtail pages (content, tree rules); who registered, attended and said what
lives in plain models keyed to the page. The tables are the ones from before the models
moved out of ``learning`` (``Meta.db_table``), so nothing was copied."""

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from core.feeds import SecretFeed
from core.pages import MembersOnlyPageMixin

DEFAULT_SESSION_TIME_ZONE = "Europe/Amsterdam"
SESSION_TIME_ZONES = [
    ("Europe/Amsterdam", "Europe/Amsterdam"),
    ("Europe/London", "Europe/London"),
    ("Europe/Lisbon", "Europe/Lisbon"),
    ("Europe/Helsinki", "Europe/Helsinki"),
    ("America/New_York", "America/New_York"),
    ("Asia/Singapore", "Asia/Singapore"),
    ("UTC", "UTC"),
]


def new_secret() -> str:
    """Kept for the migrations that name it; feeds use ``core.feeds.new_secret``."""
    return secrets.token_urlsafe(24)


def new_check_in_code() -> str:
    # Short enough to type on a phone when the camera cannot read the QR code.
    return secrets.token_hex(4).upper()


class SessionKind(models.TextChoices):
    KENNISSESSIE = "kennissessie", _("Knowledge session")
    LINKEDIN_WORKSHOP = "linkedin_workshop", _("LinkedIn profile workshop")
    MEETUP = "meetup", _("Meetup")
    WEBINAR = "webinar", _("Webinar")


class SessionIndexPage(MembersOnlyPageMixin, Page):
    """The listing of sessions (filters: kind, month, department; "my sessions")."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["events.SessionPage"]
    max_count_per_parent = 1
    # The listing (filters, places left) comes from events.wagtail_hooks.
    context_hook_name = "session_index_page_context"

    class Meta:
        db_table = "learning_sessionindexpage"
        verbose_name = _("session overview")

    def sessions_source(self) -> "SessionIndexPage":
        """The overview that holds the sessions: a session is one page (one list of
        registrations) in the default language, so a translated overview ("Sessions" in the
        English tree) shows and routes to the sessions of its Dutch original."""
        if self.get_children().exists():
            return self
        original = self.get_translations().filter(numchild__gt=0).first()
        return original.specific if original is not None else self

    def route(self, request, path_components):
        source = self.sessions_source()
        if path_components and source.pk != self.pk:
            return source.route(request, path_components)
        return super().route(request, path_components)


class SessionPageForm(WagtailAdminPageForm):
    """Start and end are entered in the session's own time zone (a webinar from London is
    typed as the speaker sees it) and stored in UTC."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        tz = zoneinfo.ZoneInfo(instance.time_zone or DEFAULT_SESSION_TIME_ZONE)
        for name in ("starts_at", "ends_at", "registration_deadline"):
            value = getattr(instance, name, None)
            if value is not None and name in self.fields and not self.is_bound:
                self.initial[name] = value.astimezone(tz).replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        zone_name = cleaned.get("time_zone") or DEFAULT_SESSION_TIME_ZONE
        tz = zoneinfo.ZoneInfo(zone_name)
        current = timezone.get_current_timezone()
        for name in ("starts_at", "ends_at", "registration_deadline"):
            value = cleaned.get(name)
            if value is not None:
                # The form read the wall-clock time in the admin's zone; read it again in the session's.
                cleaned[name] = timezone.make_aware(value.astimezone(current).replace(tzinfo=None), tz)
        return cleaned


class SessionPage(MembersOnlyPageMixin, Page):
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices, default=SessionKind.KENNISSESSIE)
    summary = models.TextField(_("summary"), max_length=500, blank=True)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=SESSION_TIME_ZONES,
        default=DEFAULT_SESSION_TIME_ZONE,
        help_text=_("Start, end and deadline are entered and shown in this time zone."),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True, help_text=_("Only members with a place see this link."))
    hosts = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="hosted_sessions",
        db_table="learning_sessionpage_hosts",
        verbose_name=_("hosts"),
        help_text=_("Front-runners of a department can co-host; hosts check members in."),
    )
    audience_departments = ParentalManyToManyField(
        "people.Department",
        blank=True,
        related_name="sessions",
        db_table="learning_sessionpage_audience_departments",
        verbose_name=_("audience (departments)"),
        help_text=_("Leave empty for everyone."),
    )
    capacity = models.PositiveIntegerField(_("capacity"), default=20, validators=[MinValueValidator(1)])
    waiting_list = models.BooleanField(
        _("waiting list"), default=True, help_text=_("When full, new registrations join a waiting list.")
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"), null=True, blank=True, help_text=_("Empty: until the session starts.")
    )
    agenda = RichTextField(_("agenda"), blank=True, features=["h3", "bold", "italic", "ol", "ul", "link"])
    materials = RichTextField(
        _("materials"),
        blank=True,
        features=["bold", "italic", "ul", "link", "document-link"],
        help_text=_("Shown to members after the session: slides, recordings, links."),
    )
    cancelled = models.BooleanField(
        _("cancelled"), default=False, help_text=_("Publishing a cancellation tells everyone who registered.")
    )

    base_form_class = SessionPageForm
    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("time_zone"),
                FieldPanel("registration_deadline"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("online_url")], heading=_("Where")),
        MultiFieldPanel(
            [
                FieldPanel("hosts"),
                FieldPanel("audience_departments"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("waiting_list")]),
                FieldPanel("cancelled"),
            ],
            heading=_("Who"),
        ),
        FieldPanel("agenda"),
        FieldPanel("materials"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.FilterField("kind")]
    parent_page_types = ["events.SessionIndexPage"]

    def get_url_parts(self, request=None):
        """Under the overview in the active language when it has one (an English member's
        link goes through /sessions/, which routes back to this page), else as usual. One
        query, for a language other than the site's, remembered for the request."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        if language != settings.LANGUAGE_CODE:
            # Remembered for the request (a listing links to every session under one overview).
            cache = (request if request is not None else self).__dict__.setdefault("_session_overviews", {})
            key = (language, self.path[: -self.steplen])
            if key not in cache:
                parent = Page.objects.filter(path=key[1]).values("translation_key")
                cache[key] = (
                    SessionIndexPage.objects.live()
                    .filter(locale__language_code=language, translation_key__in=parent)
                    .first()
                )
            local = cache[key]
            parts = local.get_url_parts(request) if local is not None else None
            if parts is not None:
                site_id, root_url, page_path = parts
                return site_id, root_url, f"{page_path}{self.slug}/"
        return super().get_url_parts(request)

    subpage_types = []
    # Registration, host tools, checklist and meetup items come from events.wagtail_hooks.
    context_hook_name = "session_page_context"

    class Meta:
        db_table = "learning_sessionpage"
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["kind", "starts_at"])]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone or DEFAULT_SESSION_TIME_ZONE)

    @property
    def deadline(self):
        return self.registration_deadline or self.starts_at

    def local(self, value):
        return value.astimezone(self.zone) if value else None

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        if self.registration_deadline and self.starts_at and self.registration_deadline > self.starts_at:
            errors["registration_deadline"] = _("The registration deadline cannot be after the start.")
        if self.pk and self.capacity:
            taken = Registration.objects.filter(session_id=self.pk, status=Registration.Status.REGISTERED).count()
            if self.capacity < taken:
                errors["capacity"] = _(
                    "%(taken)s members already have a place; the capacity cannot be lower than that. "
                    "Ask members to cancel first, or keep the capacity at %(taken)s or more."
                ) % {"taken": taken}
        if errors:
            raise ValidationError(errors)


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        WAITLISTED = "waitlisted", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    session = models.ForeignKey(SessionPage, on_delete=models.CASCADE, related_name="registrations")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    # Order of arrival within the session, given out under the session's lock: the waiting
    # list is promoted in this order.
    position = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attended = models.BooleanField(default=False)
    code = models.CharField(max_length=16, unique=True, default=new_check_in_code)
    reminded_24h_at = models.DateTimeField(null=True, blank=True)
    reminded_1h_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "learning_registration"
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["position"]
        constraints = [
            # Cancelled registrations stay as history; a member may register again later.
            models.UniqueConstraint(
                fields=["session", "member"],
                condition=~Q(status="cancelled"),
                name="registration_active_once",
            ),
            models.UniqueConstraint(fields=["session", "position"], name="registration_position_unique"),
        ]
        indexes = [
            models.Index(fields=["session", "status", "position"]),
            models.Index(fields=["member", "status"]),
            models.Index(fields=["attended"]),
        ]

    def __str__(self):
        return f"{self.member_id} @ {self.session_id}: {self.status}"


class SessionFeedback(models.Model):
    session = models.ForeignKey(SessionPage, on_delete=models.CASCADE, related_name="feedback")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_feedback")
    rating = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "learning_sessionfeedback"
        verbose_name = _("session feedback")
        verbose_name_plural = _("session feedback")
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="session_feedback_once"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="session_feedback_rating_1_5"),
        ]

    def __str__(self):
        return f"{self.session_id}: {self.rating}"


class CalendarFeed(SecretFeed):
    """A member's personal calendar feed of their sessions (``core.feeds``); a new secret
    revokes the old address."""

    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")

    class Meta:
        db_table = "learning_calendarfeed"
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")


class SessionSchedule(models.Model):
    """What registrants were last told about a session (time, place, cancelled), so that
    publishing a change tells them once, and publishing anything else tells them nothing."""

    session = models.OneToOneField(SessionPage, on_delete=models.CASCADE, related_name="announced")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue = models.CharField(max_length=200, blank=True)
    online_url = models.URLField(blank=True)
    cancelled = models.BooleanField(default=False)

    class Meta:
        db_table = "learning_sessionschedule"

    def __str__(self):
        return f"{self.session_id}"


# --- LinkedIn profile in order ----------------------------------------------------------


class LinkedInChecklistItem(TranslatableMixin, index.Indexed, models.Model):
    """One step to a LinkedIn profile in order; Masters maintain the list (Dutch and English
    via Wagtail's translations). Ticks are keyed to ``translation_key`` so they count in
    either language."""

    title = models.CharField(_("title"), max_length=120)
    help_text = models.TextField(_("how to"), blank=True, help_text=_("A short how-to for this step."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]
    panels = [FieldPanel("title"), FieldPanel("help_text"), FieldPanel("sort_order"), FieldPanel("active")]

    class Meta(TranslatableMixin.Meta):
        db_table = "learning_linkedinchecklistitem"
        ordering = ["sort_order", "id"]
        verbose_name = _("LinkedIn checklist item")
        verbose_name_plural = _("LinkedIn checklist")

    def __str__(self):
        return self.title


class LinkedInChecklistTick(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="linkedin_ticks")
    item_key = models.UUIDField()
    ticked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "learning_linkedinchecklisttick"
        verbose_name = _("LinkedIn checklist tick")
        verbose_name_plural = _("LinkedIn checklist ticks")
        constraints = [models.UniqueConstraint(fields=["member", "item_key"], name="linkedin_tick_once")]

    def __str__(self):
        return f"{self.member_id} ✓ {self.item_key}"


class LinkedInProfile(models.Model):
    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="linkedin_profile")
    profile_url = models.URLField(_("public profile URL"), blank=True)
    completed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        db_table = "learning_linkedinprofile"

    def __str__(self):
        return f"{self.member_id}"


# --- meetups ---------------------------------------------------------------------------


class ActionItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        NOT_DONE = "not_done", _("not done")
        CARRIED_OVER = "carried_over", _("carried over")

    meetup = models.ForeignKey(SessionPage, on_delete=models.CASCADE, related_name="action_items")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="action_items")
    what = models.CharField(_("what"), max_length=300)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    evaluated_at = models.DateTimeField(null=True, blank=True)
    evaluated_in = models.ForeignKey(
        SessionPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="evaluated_action_items"
    )
    carried_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        db_table = "learning_actionitem"
        ordering = ["due_on", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [models.Index(fields=["owner", "status"]), models.Index(fields=["meetup", "status"])]

    def __str__(self):
        return self.what


class CollectedStory(models.Model):
    """A story a host noted down during a meetup, for the Creators to pick up."""

    meetup = models.ForeignKey(SessionPage, on_delete=models.CASCADE, related_name="collected_stories")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.TextField(_("story"), max_length=2000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "learning_collectedstory"
        ordering = ["created_at", "id"]
        verbose_name = _("collected story")
        verbose_name_plural = _("collected stories")

    def __str__(self):
        return self.summary[:60]
