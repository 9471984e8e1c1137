"""The content plan: planned items (a story someone will write, for a key message, by a due
date, on a channel) that move idea → planned → in progress → submitted → approved → shared.

The story an item becomes lives in ``challenges``; ``strategy`` keeps its id as a plain
number (``story_id``), as the calendar keeps ``challenge_id``, so this app never imports
the apps above it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import Department

from .calendar import CalendarEntry
from .goals import KeyMessage


class PlanStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    SHARED = "shared", _("Shared")


# The order of the board's columns and of the workflow.
PLAN_ORDER = [s.value for s in PlanStatus]


class Channel(models.TextChoices):
    LINKEDIN = "linkedin", "LinkedIn"
    INSTAGRAM = "instagram", "Instagram"
    FACEBOOK = "facebook", "Facebook"
    X = "x", "X"
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    OTHER = "other", _("other")


class PlanItem(models.Model):
    title = models.CharField(_("title"), max_length=200)
    message = models.ForeignKey(
        KeyMessage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_items",
        verbose_name=_("key message"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_items", verbose_name=_("owner")
    )
    # For filtering the board: the owner's department unless the planner chose another.
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_items",
        verbose_name=_("department"),
    )
    due = models.DateField(_("due date"), db_index=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.LINKEDIN)
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.IDEA, db_index=True
    )
    calendar_entry = models.ForeignKey(
        CalendarEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_items",
        verbose_name=_("calendar entry"),
    )
    # Plain ids of what lives above strategy: the challenge it was planned from, its story.
    challenge_id = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    story_id = models.PositiveIntegerField(null=True, blank=True, unique=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The due date the owner was last reminded of: one reminder per item and due date.
    reminded_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("planned item")
        verbose_name_plural = _("content plan")
        indexes = [models.Index(fields=["status", "due"]), models.Index(fields=["owner", "due"])]

    def __str__(self):
        return self.title
