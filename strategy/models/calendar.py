"""The content calendar (inhaakkalender): days and events the programme hooks into with a
story. Entries are plain rows Masters keep in the admin; Dutch holidays are generated."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.feeds import SecretFeed
from core.i18n import in_language


class CalendarEntry(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("holiday")
        AWARENESS_DAY = "awareness_day", _("awareness day")
        TRADE_FAIR = "trade_fair", _("trade fair")
        COMPANY_EVENT = "company_event", _("company event")
        CAMPAIGN = "campaign", _("campaign")

    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    starts_on = models.DateField(_("date"), db_index=True)
    ends_on = models.DateField(_("until"), null=True, blank=True, help_text=_("For a range; empty for one day."))
    suggested_angle = models.TextField(
        _("suggested angle"), blank=True, help_text=_("How we could hook into this day with a story.")
    )
    # Generated entries (Dutch holidays) carry a key so that seeding them twice adds nothing.
    source_key = models.CharField(max_length=80, unique=True, null=True, blank=True, editable=False)
    # Set when a Master turned the entry into a challenge (the id in the challenges app).
    challenge_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The event's DTSTAMP and LAST-MODIFIED in the .ics: unchanged entry, unchanged event.
    updated_at = models.DateTimeField(auto_now=True)

    # The key messages a story hooking into this day could serve.
    messages = models.ManyToManyField(
        "strategy.KeyMessage", blank=True, related_name="calendar_entries", verbose_name=_("key messages")
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("title_en"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("suggested_angle"),
        FieldPanel("messages"),
    ]

    class Meta:
        # The table from before the calendar moved out of ``learning``.
        db_table = "learning_calendarentry"
        ordering = ["starts_on", "title"]
        verbose_name = _("calendar entry")
        verbose_name_plural = _("content calendar")
        indexes = [models.Index(fields=["ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="calendar_entry_range_ordered",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def display_title(self) -> str:
        return in_language(self.title, self.title_en)

    @property
    def last_day(self):
        return self.ends_on or self.starts_on

    def clean(self):
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first.")})


class ContentCalendarFeed(SecretFeed):
    """A member's secret address of the content calendar as a feed (``core.feeds``), for
    calendar apps that cannot sign in; a new secret revokes the old address."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="content_calendar_feed"
    )

    class Meta:
        verbose_name = _("content calendar feed")
        verbose_name_plural = _("content calendar feeds")
