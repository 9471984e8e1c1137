"""The stories creators submit (inside a challenge or as a free "share a moment"), their
photos, and the editors' decisions and compliments on them."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import LANGUAGE_CHOICES
from core.storage import PrivateStorage

from .challenges import Challenge

# Story photos and videos are private (``core.storage``): ``.url`` points at
# ``challenges.views.story_media`` (``/story-media/<name>``), which serves a file to the
# story's creator and reviewers, and to everyone only while the story is approved.
STORY_MEDIA_URL = "/story-media/"
_story_media = PrivateStorage(base_url=STORY_MEDIA_URL)


def story_media_storage() -> PrivateStorage:
    return _story_media


class StoryStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def _public_id():
    return uuid.uuid4().hex


class Story(models.Model):
    """What a creator submits: text, images, a video or a link. An editor's edit goes to
    ``text``; ``original_text`` keeps what the creator wrote."""

    public_id = models.CharField(max_length=32, unique=True, default=_public_id, editable=False)
    creator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stories")
    challenge = models.ForeignKey(
        Challenge, verbose_name=_("challenge"), null=True, blank=True, on_delete=models.SET_NULL, related_name="stories"
    )
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="nl")
    # The key messages the story serves: the creator picks them, the editor corrects them.
    messages = models.ManyToManyField(
        "strategy.KeyMessage", verbose_name=_("key messages"), blank=True, related_name="stories"
    )
    title = models.CharField(_("title"), max_length=160, blank=True)
    original_text = models.TextField(_("text as submitted"), blank=True)
    text = models.TextField(_("text"), blank=True)
    link_url = models.URLField(_("link"), max_length=500, blank=True)
    # Indexed: the media view finds the story of a file by its name.
    video = models.FileField(
        _("video"), upload_to="stories/videos/%Y/%m/", storage=story_media_storage, blank=True, db_index=True
    )
    caption = models.TextField(
        _("suggested caption"), blank=True, help_text=_("What ambassadors see as the text to share.")
    )
    caption_fixed = models.BooleanField(
        _("caption is fixed"), default=False, help_text=_("Otherwise ambassadors may change the caption.")
    )
    status = models.CharField(_("status"), max_length=20, choices=StoryStatus.choices, default=StoryStatus.SUBMITTED)
    feedback = models.TextField(_("editor's feedback"), blank=True)
    edited_by_editor = models.BooleanField(_("edited by the editor"), default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    photo_consent_at = models.DateTimeField(
        _("people in the photos agreed at"),
        null=True,
        blank=True,
        help_text=_("When the creator confirmed that the people in the photos agreed to their sharing."),
    )
    # Who the approving editor suggests the story to, and when (empty: everyone, always).
    share_from = models.DateTimeField(_("suggest from"), null=True, blank=True)
    share_until = models.DateTimeField(_("suggest until"), null=True, blank=True)
    target_departments = models.ManyToManyField("people.Department", blank=True, related_name="+")
    target_locations = models.ManyToManyField("people.Location", blank=True, related_name="+")
    target_roles = models.CharField(max_length=120, blank=True)  # ",ambassador,creator," as Challenge.roles
    target_languages = models.CharField(max_length=20, blank=True)  # ",nl,en,"
    # The guidelines' per-story checks the creator ticked: [{"version": id, "checks": [keys]}].
    guideline_checks = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        indexes = [
            models.Index(fields=["status", "department", "submitted_at"]),
            models.Index(fields=["status", "-approved_at"]),
            models.Index(fields=["creator", "-submitted_at"]),
            models.Index(fields=["challenge", "status"]),
        ]

    def __str__(self):
        return self.title or (self.text[:60] if self.text else f"#{self.pk}")

    @property
    def was_edited(self) -> bool:
        return self.text != self.original_text


class StoryImage(models.Model):
    """An uploaded photo, re-encoded by the server (metadata such as the location gone)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(
        upload_to="stories/images/%Y/%m/",
        storage=story_media_storage,
        width_field="width",
        height_field="height",
        db_index=True,
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["story", "position", "id"]

    def __str__(self):
        return self.image.name


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approved")
    REQUEST_CHANGES = "request_changes", _("Changes requested")
    REJECT = "reject", _("Rejected")


class ReviewDecision(models.Model):
    """The log of every editorial decision: who, when, what."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="decisions")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    feedback = models.TextField(_("feedback"), blank=True)
    edited = models.BooleanField(_("text edited"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        indexes = [models.Index(fields=["story", "-created_at"])]

    def __str__(self):
        return f"{self.story_id}: {self.decision}"


class Compliment(models.Model):
    """A manager's or Master's recognition of a story (the texts say it motivates strongly)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="compliments")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.CharField(_("message"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["story", "by"], name="compliment_once_per_story")]

    def __str__(self):
        return f"{self.by_id} → {self.story_id}"
