import datetime
import secrets
from decimal import Decimal

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from core import branding as core_branding
from core.storage import PrivateStorage


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


@register_setting(icon="site")
class ProgrammeSettings(BaseGenericSetting):
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
        FieldPanel("certificate_signatory"),
        FieldPanel("employee_count"),
        FieldPanel("pilot_group_limit"),
        FieldPanel("aggregates_only"),
        FieldPanel("cost_per_click"),
    ]

    class Meta:
        verbose_name = _("programme settings")

    @property
    def organisation_name(self) -> str:
        """Kept for templates and code that read it here: the name lives in
        ``BrandingSettings`` now."""
        return BrandingSettings.load().organisation_name


hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # and six hexadecimal digits, e.g. #1f4e79."))


@register_setting(icon="image")
class BrandingSettings(BaseGenericSetting):
    """Name, logo and colours of the organisation: on the site, in e-mails, on
    certificates, public story pages and as the Open Badges issuer. Social Masters edit it."""

    organisation_name = models.CharField(_("organisation name"), max_length=120, default="Social Shift")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("PNG or JPEG, preferably wide and on a transparent or white background."),
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        default=core_branding.DEFAULT_PRIMARY,
        validators=[hex_colour],
        help_text=_("Buttons and headings. The text on it becomes white or black, whichever is readable."),
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default=core_branding.DEFAULT_ACCENT, validators=[hex_colour]
    )
    linkedin_organisation_id = models.CharField(
        _("LinkedIn organisation id"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^[0-9]+$", _("Only the digits of the LinkedIn company id."))],
        help_text=_("The number in your LinkedIn company page's admin address; links certificates to that page."),
    )
    contact_email = models.EmailField(
        _("contact e-mail address"), blank=True, help_text=_("Shown as the issuer's address on Open Badges.")
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("logo"),
        FieldPanel("primary_colour"),
        FieldPanel("accent_colour"),
        FieldPanel("linkedin_organisation_id"),
        FieldPanel("contact_email"),
    ]

    class Meta:
        verbose_name = _("branding")

    def clean(self):
        super().clean()
        for field in ("primary_colour", "accent_colour"):
            setattr(self, field, (getattr(self, field) or "").strip().lower())
        if self.primary_colour and self.primary_colour == self.accent_colour:
            raise ValidationError({"accent_colour": _("Choose an accent colour that differs from the primary colour.")})

    @property
    def primary_contrast(self) -> str:
        """Text colour on the primary colour (WCAG AA, 4.5:1)."""
        return core_branding.text_colour_on(self.primary_colour)

    @property
    def accent_contrast(self) -> str:
        return core_branding.text_colour_on(self.accent_colour)

    @cached_property
    def logo_url(self) -> str:
        """The logo rendition's URL (relative with local storage), "" without a logo."""
        if self.logo is None:
            return ""
        try:
            return self.logo.get_rendition(core_branding.LOGO_FILTER).url
        except Exception:  # a missing or unreadable file must not break every page
            return ""

    @property
    def logo_absolute_url(self) -> str:
        """``logo_url`` with the site's address in front (e-mails, Open Badges, og:image)."""
        logo_url = self.logo_url
        if logo_url.startswith("/"):
            logo_url = django_settings.BASE_URL.rstrip("/") + logo_url
        return logo_url

    def as_branding(self, *, certificate_signatory: str = "") -> core_branding.Branding:
        logo_url = self.logo_absolute_url
        return core_branding.Branding(
            organisation_name=self.organisation_name,
            primary_colour=self.primary_colour,
            primary_contrast=self.primary_contrast,
            accent_colour=self.accent_colour,
            accent_contrast=self.accent_contrast,
            logo_url=logo_url,
            logo_image_id=self.logo_id if logo_url else None,
            linkedin_organisation_id=self.linkedin_organisation_id,
            contact_email=self.contact_email,
            certificate_signatory=certificate_signatory,
        )


def current_branding(request=None) -> core_branding.Branding:
    """What ``core.branding.current`` answers (registered in ``CmsConfig.ready``); with a
    request, Wagtail caches the setting on it."""
    signatory = ProgrammeSettings.load(request_or_site=request).certificate_signatory
    return BrandingSettings.load(request_or_site=request).as_branding(certificate_signatory=signatory)


_report_exports = PrivateStorage()


def report_export_storage() -> PrivateStorage:
    """Where report exports are kept: private (``core.storage``), never under ``/media/``."""
    return _report_exports


def report_export_name(instance, filename: str) -> str:
    """An unguessable name that says nothing about what is inside (the download is named
    after the table and the day by ``ReportExport.download_name``)."""
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"report-exports/{secrets.token_hex(16)}.{extension}"


def report_export_expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=django_settings.REPORT_EXPORT_KEEP_DAYS)


class ReportExport(models.Model):
    """A report export too large to build during the request: Celery builds the file and
    the member who asked downloads it (only they may, only while they may see reports and
    only until ``expires_at``; then a beat task deletes the file and the row)."""

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
    file = models.FileField(upload_to=report_export_name, storage=report_export_storage, blank=True)
    rows = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), default=report_export_expiry, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self):
        return f"{self.table}.{self.fmt} ({self.get_status_display()})"

    def is_expired(self, now: datetime.datetime | None = None) -> bool:
        return self.expires_at <= (now or timezone.now())

    @property
    def download_name(self) -> str:
        day = timezone.localdate(self.finished_at or self.created_at).isoformat()
        return f"participation-{self.table.replace(',', '-')}-{day}.{self.fmt}"


class WorkerHeartbeat(models.Model):
    """When a Celery worker last ran the heartbeat task that beat schedules every minute
    (``cms.tasks.record_worker_heartbeat``): ``/health/`` calls the worker stale when this
    is too old. In the database, not the cache, because the embedded default's locmem cache
    is not shared between the worker's process and the server's."""

    WORKER = "worker"

    name = models.CharField(max_length=40, primary_key=True)
    beat_at = models.DateTimeField()

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"


class ManagementSummary(models.Model):
    """The monthly management summary one member was sent for one month: at most one per
    member and month, however often the beat task runs (``cms.reports.services``)."""

    member = models.ForeignKey("people.Member", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("management summary sent")
        verbose_name_plural = _("management summaries sent")
        constraints = [models.UniqueConstraint(fields=["member", "month"], name="management_summary_once_a_month")]

    def __str__(self):
        return f"{self.member_id} {self.month:%Y-%m}"
