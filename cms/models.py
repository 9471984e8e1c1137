from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


@register_setting(icon="site")
class ProgrammeSettings(BaseGenericSetting):
    organisation_name = models.CharField(_("organisation name"), max_length=120, default="Social Shift")
    certificate_signatory = models.CharField(
        _("certificate signed by"), max_length=120, blank=True, help_text=_("e.g. the Social Master's name and title")
    )

    employee_count = models.PositiveIntegerField(
        _("number of employees"),
        null=True,
        blank=True,
        help_text=_(
            "Everyone in the organisation, for the share of active employees against the goal of ten percent. "
            "Empty: members plus open invitations."
        ),
    )
    pilot_group_limit = models.PositiveSmallIntegerField(
        _("pilot group size"), default=50, help_text=_("At most this many members in the pilot group.")
    )
    aggregates_only = models.BooleanField(
        _("aggregates only (works council)"),
        default=False,
        help_text=_("Turns every per-person participation view and export off; reports show groups only."),
    )
    cost_per_click = models.DecimalField(
        _("cost per click (EUR)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("0.50"),
        help_text=_("What a click would cost as paid advertising; used for the estimated media value."),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("certificate_signatory"),
        FieldPanel("employee_count"),
        FieldPanel("pilot_group_limit"),
        FieldPanel("aggregates_only"),
        FieldPanel("cost_per_click"),
    ]

    class Meta:
        verbose_name = _("programme settings")


class ReportExport(models.Model):
    """A report export too large to build during the request: Celery builds the file and
    the member who asked downloads it (only they may)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        "people.Member", on_delete=models.CASCADE, related_name="report_exports", verbose_name=_("requested by")
    )
    table = models.CharField(_("table"), max_length=30)
    fmt = models.CharField(_("format"), max_length=4)
    params = models.JSONField(default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to="report-exports/", blank=True)
    rows = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self):
        return f"{self.table}.{self.fmt} ({self.get_status_display()})"
