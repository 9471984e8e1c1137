"""The community: spaces, threads, posts, reactions, reports, the moderation log, sanctions
and follows (docs/community.md).

A space says who reads and who posts (``Audience``: everyone, or one department; and the
lowest role that may post); a space for a session or a challenge keeps a plain ``scope`` key
(``session:12``, ``challenge:7``) instead of a foreign key into an app on its own line. A
post's ``body`` is what the author typed (Markdown); ``html`` is the sanitised rendering
(``community.sanitise``), the only form ever shown. A post's images (``PostImage``, at most
``MAX_POST_IMAGES``) are re-encoded by ``core.uploads`` and kept in private storage, served
by ``community.views.post_media`` to who may see the post."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.storage import PrivateStorage
from people.models import Role

MAX_POST_IMAGES = 4
# Post images are private (``core.storage``): ``.url`` points at ``community.views.post_media``
# (``/community/media/<name>``), which serves a file only to who may see its post.
POST_MEDIA_URL = "/community/media/"
_post_media = PrivateStorage(base_url=POST_MEDIA_URL)


def post_media_storage() -> PrivateStorage:
    return _post_media


class ReadAudience(models.TextChoices):
    EVERYONE = "everyone", _("Every member")
    DEPARTMENT = "department", _("One department")


class Space(models.Model):
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    read_audience = models.CharField(
        _("who reads"), max_length=20, choices=ReadAudience.choices, default=ReadAudience.EVERYONE
    )
    department = models.ForeignKey(
        "people.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="community_spaces",
        help_text=_("Only for a space of one department."),
    )
    post_role = models.CharField(
        _("lowest role that posts"), max_length=20, choices=Role.choices, default=Role.AMBASSADOR
    )
    scope = models.CharField(
        _("scope"), max_length=40, blank=True, help_text=_("A session or challenge, e.g. session:12.")
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("moderators"), blank=True, related_name="moderated_spaces"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("community space")
        verbose_name_plural = _("community spaces")
        constraints = [
            models.CheckConstraint(
                condition=Q(read_audience="everyone") | Q(department__isnull=False),
                name="community_space_department_audience_has_department",
            )
        ]

    def __str__(self):
        return self.name


class Thread(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="community_threads"
    )
    is_question = models.BooleanField(_("question"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    accepted_post = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("accepted answer")
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-last_post_at"]

    def __str__(self):
        return self.title


class PostStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Waiting for approval")
    HIDDEN = "hidden", _("Hidden")
    DELETED = "deleted", _("Deleted")


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="community_posts"
    )
    reply_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies")
    body = models.TextField(_("text"))
    html = models.TextField(editable=False)
    status = models.CharField(max_length=12, choices=PostStatus.choices, default=PostStatus.PUBLISHED, db_index=True)
    # Why a post waits: "new_member", "links", "reported_author", "spam_score".
    held_reason = models.CharField(max_length=30, blank=True)
    spam_score = models.FloatField(default=0.0)
    fingerprint = models.CharField(max_length=64, db_index=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Erasure: the author's name is gone, the text stays where others replied.
    anonymised = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "status", "created_at"])]

    def __str__(self):
        return f"{self.thread}: {self.body[:40]}"


def post_image_path(instance, filename: str) -> str:
    """A random name (the upload's own name may say who or where), in a folder per month."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return timezone.now().strftime("community/posts/%Y/%m/") + f"{uuid.uuid4().hex}.{ext}"


class PostImage(models.Model):
    """An image with a post, re-encoded by the server (``core.uploads``: no metadata such as
    the location), in the order the author added it."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(
        upload_to=post_image_path,
        storage=post_media_storage,
        width_field="width",
        height_field="height",
        db_index=True,
        max_length=200,
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["post", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["post", "position"], name="community_post_image_position")]

    def __str__(self):
        return self.image.name


class Reaction(models.Model):
    EMOJI = ("👍", "❤️", "🎉", "💡", "😂")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    emoji = models.CharField(max_length=8)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "member", "emoji"], name="community_reaction_once")]

    def __str__(self):
        return f"{self.emoji} on {self.post_id}"


class Report(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"], condition=Q(resolved_at__isnull=True), name="community_report_open_once"
            )
        ]

    def __str__(self):
        return f"report on post {self.post_id}"


class ModerationAction(models.TextChoices):
    APPROVE = "approve", _("Approved")
    HIDE = "hide", _("Hidden")
    RESTORE = "restore", _("Restored")
    DELETE = "delete", _("Deleted")
    EDIT = "edit", _("Edited")
    LOCK = "lock", _("Thread locked")
    UNLOCK = "unlock", _("Thread unlocked")
    MUTE = "mute", _("Member muted")
    SUSPEND = "suspend", _("Member suspended")


class ModerationDecision(models.Model):
    """The log: every moderation decision with who and why. Also the spam model's training
    data (approve = ham; hide and delete = spam)."""

    action = models.CharField(max_length=12, choices=ModerationAction.choices)
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=500, blank=True)
    # The post's text at the time (training data that survives an edit).
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.action} ({self.created_at:%Y-%m-%d})"


class SanctionKind(models.TextChoices):
    MUTE = "mute", _("Muted (may read, not post)")
    SUSPEND = "suspend", _("Suspended (may not read or post)")


class Sanction(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_sanctions")
    kind = models.CharField(max_length=10, choices=SanctionKind.choices)
    until = models.DateTimeField()
    reason = models.CharField(max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.kind} until {self.until:%Y-%m-%d}"


class ThreadFollow(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "member"], name="community_follow_once")]

    def __str__(self):
        return f"{self.member_id} follows {self.thread_id}"


class SpamExample(models.Model):
    """Seed examples for the spam model besides the moderators' decisions (Dutch and English)."""

    text = models.TextField()
    is_spam = models.BooleanField()

    def __str__(self):
        return self.text[:40]


class SpamModel(models.Model):
    """The latest trained naive Bayes counts (``community.spam``), one row."""

    counts = models.JSONField(default=dict)
    trained_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"spam model {self.trained_at:%Y-%m-%d %H:%M}"
