"""How ambassadors share approved stories: tracked links, shares, counted clicks, the
suggestion feed's dismissals and digests, and the organisation's sharing settings."""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .stories import Story


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
    # What the post did, as the ambassador reports it (the networks give no figures for
    # personal profiles): always shown as self-reported.
    post_url = models.URLField(_("post link"), max_length=500, blank=True)
    reactions = models.PositiveIntegerField(_("reactions"), null=True, blank=True)
    comments = models.PositiveIntegerField(_("comments"), null=True, blank=True)
    reposts = models.PositiveIntegerField(_("reposts"), null=True, blank=True)
    results_reported_at = models.DateTimeField(_("results reported at"), null=True, blank=True)

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


class ManagerNudge(models.Model):
    """A manager was asked to react to a team member's share: at most one per manager and
    tracked link (a member's sharing of one story, whatever the networks)."""

    manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="nudges")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["manager", "link"], name="manager_nudge_once")]

    def __str__(self):
        return f"{self.manager_id} → {self.link_id}"


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
