"""The 6 C's self-scan (Connections, Conversations, Content, Congruence, Context,
Continuous): questions as data that Masters edit in the admin, and a member's answers, at
most one response per quarter (Europe/Amsterdam)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.i18n import in_language
from people.models import Department


class SixC(models.TextChoices):
    CONNECTIONS = "connections", _("Connections")
    CONVERSATIONS = "conversations", _("Conversations")
    CONTENT = "content", _("Content")
    CONGRUENCE = "congruence", _("Congruence")
    CONTEXT = "context", _("Context")
    CONTINUOUS = "continuous", _("Continuous")


SIX_C_ORDER = [c.value for c in SixC]

# What a group can do about a weak C: concrete steps a Social Master puts on a meetup as action
# items (``cms.services.six_cs_actions.plan_meetup_actions``), in the meetup's language.
SUGGESTED_ACTIONS = {
    SixC.CONNECTIONS: (
        _("Connect on LinkedIn with five people you worked with this month"),
        _("Follow the organisation's page and three colleagues who post about their work"),
    ),
    SixC.CONVERSATIONS: (
        _("Respond to three posts by colleagues this week"),
        _("Ask a question under a post in your field and reply to the answers"),
    ),
    SixC.CONTENT: (
        _("Share one moment from your work this week, with a photo"),
        _("Write down three stories from your work that others could learn from"),
    ),
    SixC.CONGRUENCE: (
        _("Check that your profile tells what you do now and matches the organisation's story"),
        _("Pick one key message and share a post that fits it"),
    ),
    SixC.CONTEXT: (
        _("Choose the right network for one post: who do you want to reach, and where are they?"),
        _("Link a post this week to something that is happening now: an event, a day, the news"),
    ),
    SixC.CONTINUOUS: (
        _("Block fifteen minutes in your calendar every week for social media"),
        _("Agree with a colleague to remind each other to post once a week"),
    ),
}


def suggested_actions(c: str) -> tuple:
    """The suggested actions for ``c`` (lazy translatable texts), or none for an unknown C."""
    return SUGGESTED_ACTIONS.get(c, ())


class SixCQuestion(models.Model):
    c = models.CharField(_("C"), max_length=16, choices=SixC.choices)
    text = models.CharField(_("question"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True, db_index=True)

    panels = [
        FieldRowPanel([FieldPanel("c"), FieldPanel("position")]),
        FieldPanel("text"),
        FieldPanel("text_en"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("6 C's question")
        verbose_name_plural = _("6 C's questions")

    def __str__(self):
        return self.display_text

    @property
    def display_text(self) -> str:
        return in_language(self.text, self.text_en)


class SixCResponse(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="six_c_responses")
    # "2026-Q4", in Amsterdam time (strategy.services.six_cs.quarter_of).
    quarter = models.CharField(max_length=7, db_index=True)
    # The member's department when they answered, so a report over time does not move.
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [models.UniqueConstraint(fields=["member", "quarter"], name="six_c_response_once_per_quarter")]

    def __str__(self):
        return f"{self.member_id} {self.quarter}"


class SixCAnswer(models.Model):
    response = models.ForeignKey(SixCResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SixCQuestion, on_delete=models.PROTECT, related_name="answers")
    # The question's C when answered (a Master may move a question later).
    c = models.CharField(max_length=16, choices=SixC.choices)
    value = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="six_c_answer_once"),
            models.CheckConstraint(condition=Q(value__gte=1) & Q(value__lte=5), name="six_c_answer_1_to_5"),
        ]

    def __str__(self):
        return f"{self.c}: {self.value}"
