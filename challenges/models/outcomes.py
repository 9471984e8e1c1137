"""What sharing brought: conversions the organisation's own sites (careers site, CRM, shop)
report server-to-server when a visitor who came through a tracked link does something that
counts (``POST /api/v1/conversions/``, docs/outcomes.md)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .sharing import ShareLink


class ConversionKind(models.TextChoices):
    LEAD = "lead", _("Lead")
    APPLICATION = "application", _("Application")
    HIRE = "hire", _("Hire")
    REGISTRATION = "registration", _("Registration")
    SALE = "sale", _("Sale")
    OTHER = "other", _("Other")


class Conversion(models.Model):
    """One conversion on a tracked link, measured by the organisation's own site. Idempotent
    on ``external_id`` (the caller's id for it); ``fingerprint`` is a hash of what was sent,
    so a retry with the same body is recognised and a different body with the same id is
    refused. The story and department are copied at arrival so reports need no extra joins
    and a conversion outlives a removed link."""

    link = models.ForeignKey(ShareLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="conversions")
    story = models.ForeignKey(
        "challenges.Story", null=True, blank=True, on_delete=models.SET_NULL, related_name="conversions"
    )
    department = models.ForeignKey(
        "people.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    wave = models.PositiveSmallIntegerField(_("wave"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ConversionKind.choices)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    occurred_at = models.DateTimeField(_("occurred at"))
    external_id = models.CharField(_("external id"), max_length=200, unique=True)
    fingerprint = models.CharField(max_length=64, editable=False)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("conversion")
        verbose_name_plural = _("conversions")
        indexes = [models.Index(fields=["occurred_at"]), models.Index(fields=["story", "occurred_at"])]

    def __str__(self):
        return f"{self.kind} {self.external_id}"
