"""The organisation's social media guidelines, written by the Master and versioned.

A version is a draft until it is published; a published version never changes (a change
is a new version), and the newest published version is the current one. Every member
accepts the current version before anything else (the onboarding gate in ``cms``); a new
version asks everyone again, because acceptance is kept per version. A version defines the
checks a creator ticks for every story ("the people in the photo agreed", "nothing
confidential"), one per line."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField

from core.i18n import in_language


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Guidelines(models.Model):
    title = models.CharField(_("title"), max_length=160)
    title_en = models.CharField(_("title (English)"), max_length=160, blank=True)
    body = RichTextField(_("guidelines"))
    body_en = RichTextField(_("guidelines (English)"), blank=True)
    checks = models.TextField(
        _("checks per story"),
        blank=True,
        help_text=_("One per line: what a creator confirms for every story (for example: nothing confidential)."),
    )
    checks_en = models.TextField(_("checks per story (English)"), blank=True, help_text=_("In the same order."))
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Once published, this version cannot change and everyone accepts it again."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
        FieldPanel("body"),
        FieldPanel("body_en"),
        FieldRowPanel([FieldPanel("checks"), FieldPanel("checks_en")]),
        FieldPanel("published"),
    ]

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("guidelines version")
        verbose_name_plural = _("social media guidelines")

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        if self.published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def display_title(self) -> str:
        return in_language(self.title, self.title_en)

    @property
    def display_body(self) -> str:
        return in_language(self.body, self.body_en)

    @property
    def check_list(self) -> list[dict]:
        """The per-story checks as ``[{"key": "c1", "text": …}]`` in the active language."""
        dutch, english = _lines(self.checks), _lines(self.checks_en)
        return [
            {"key": f"c{i + 1}", "text": in_language(text, english[i] if i < len(english) else "")}
            for i, text in enumerate(dutch)
        ]

    def clean(self):
        if self.pk and Guidelines.objects.filter(pk=self.pk, published=True).exists():
            raise ValidationError(_("A published version cannot change: add a new version instead."))


class GuidelinesAcceptance(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    guidelines = models.ForeignKey(Guidelines, on_delete=models.CASCADE, related_name="acceptances")
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("guidelines acceptance")
        constraints = [models.UniqueConstraint(fields=["member", "guidelines"], name="guidelines_accepted_once")]

    def __str__(self):
        return f"{self.member_id}: {self.guidelines_id}"
