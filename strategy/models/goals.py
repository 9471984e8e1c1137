"""The content strategy (step 1 of the method): what social media should bring the
organisation (goals with a measurable target and period), the key messages that serve each
goal, and the outside audiences that should hear them.

Masters write these in the Wagtail admin. The apps above ``strategy`` point at key messages
(a story, a challenge, a planned item serves messages); ``strategy`` never points back.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.i18n import in_language


class Audience(models.Model):
    """Who outside the organisation should hear a message (candidates, customers, partners)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("target audience")
        verbose_name_plural = _("target audiences")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return in_language(self.name, self.name_en)


class Goal(models.Model):
    """What the organisation wants social media to bring, measured against a target in a period."""

    class Kind(models.TextChoices):
        RECRUITMENT = "recruitment", _("recruitment")
        SALES = "sales", _("sales")
        EMPLOYER_BRAND = "employer_brand", _("employer brand")
        THOUGHT_LEADERSHIP = "thought_leadership", _("thought leadership")
        OTHER = "other", _("other")

    class Measure(models.TextChoices):
        # What the target counts: outcomes the organisation's own sites report (conversions),
        # or what the programme itself sees (shares, clicks on tracked links).
        APPLICATIONS = "application", _("applications")
        LEADS = "lead", _("leads")
        HIRES = "hire", _("hires")
        REGISTRATIONS = "registration", _("registrations")
        SALES = "sale", _("sales")
        SHARES = "shares", _("shares")
        CLICKS = "clicks", _("unique clicks")

    name = models.CharField(_("name"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("description"), blank=True)
    measure = models.CharField(_("measured in"), max_length=16, choices=Measure.choices, default=Measure.SHARES)
    target = models.PositiveIntegerField(_("target"), validators=[MinValueValidator(1)])
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    active = models.BooleanField(_("active"), default=True, db_index=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("active")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("target"), FieldPanel("measure")]),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
    ]

    class Meta:
        ordering = ["-active", "period_start", "name"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        indexes = [models.Index(fields=["period_start", "period_end"])]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="goal_period_ordered"),
            models.CheckConstraint(condition=Q(target__gte=1), name="goal_target_positive"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return in_language(self.name, self.name_en)

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})


class KeyMessage(models.Model):
    """A theme the organisation wants heard, serving one goal (for example "Werken bij ons is
    leren": employer brand)."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="messages", verbose_name=_("goal"))
    name = models.CharField(_("name"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What a story serving this message shows or says.")
    )
    audiences = models.ManyToManyField(
        Audience, blank=True, related_name="messages", verbose_name=_("target audiences")
    )
    active = models.BooleanField(_("active"), default=True, db_index=True)

    panels = [
        FieldPanel("goal"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldPanel("description"),
        FieldPanel("audiences"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["goal__period_start", "goal__name", "name"]
        verbose_name = _("key message")
        verbose_name_plural = _("key messages")
        constraints = [models.UniqueConstraint(fields=["goal", "name"], name="key_message_name_per_goal")]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return in_language(self.name, self.name_en)
