"""Who learns what. State is keyed to the pages' ``translation_key`` so that progress is
the same whichever language a member reads a course in."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_certificate_code() -> str:
    return secrets.token_hex(6).upper()


class Enrolment(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    course_key = models.UUIDField()
    enrolled_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["member", "course_key"], name="enrolment_once")]

    def __str__(self):
        return f"{self.member_id} → {self.course_key}"


class LessonCompletion(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions")
    lesson_key = models.UUIDField()
    course_key = models.UUIDField()
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lesson completion")
        verbose_name_plural = _("lesson completions")
        constraints = [models.UniqueConstraint(fields=["member", "lesson_key"], name="lesson_completed_once")]
        indexes = [models.Index(fields=["member", "course_key"]), models.Index(fields=["completed_at"])]

    def __str__(self):
        return f"{self.member_id} ✓ {self.lesson_key}"


class QuizAttempt(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    lesson_key = models.UUIDField()
    answers = models.JSONField()
    score = models.PositiveSmallIntegerField()
    max_score = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    feedback = models.JSONField(default=list)
    # A form or client may send the same attempt twice (double click, retry); the token
    # makes the second one return the first one's result instead of a new attempt.
    client_token = models.CharField(max_length=64, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        indexes = [models.Index(fields=["member", "lesson_key", "-created_at"])]
        constraints = [
            models.UniqueConstraint(fields=["member", "lesson_key", "client_token"], name="quiz_attempt_token_once")
        ]

    def __str__(self):
        return f"{self.member_id}: {self.score}/{self.max_score}"


class CourseCompletion(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions")
    course_key = models.UUIDField()
    completed_at = models.DateTimeField(default=timezone.now)
    certificate_code = models.CharField(max_length=20, unique=True, default=new_certificate_code)
    # Kept as they were on the day, so a certificate still verifies after a course is
    # renamed or retired.
    course_title = models.CharField(max_length=255)
    member_name = models.CharField(max_length=255)

    class Meta:
        verbose_name = _("course completion")
        verbose_name_plural = _("course completions")
        constraints = [models.UniqueConstraint(fields=["member", "course_key"], name="course_completed_once")]
        indexes = [models.Index(fields=["completed_at"])]

    def __str__(self):
        return f"{self.member_name}: {self.course_title}"


class PathCompletion(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="path_completions")
    path_key = models.UUIDField()
    path_title = models.CharField(max_length=255)
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("path completion")
        verbose_name_plural = _("path completions")
        constraints = [models.UniqueConstraint(fields=["member", "path_key"], name="path_completed_once")]

    def __str__(self):
        return f"{self.member_id}: {self.path_title}"


class XapiStatement(models.Model):
    """An xAPI statement on its way to the organisation's learning record store: the outbox
    (``learning.xapi``). Written in the transaction of the event it describes, so a statement
    exists exactly when its event committed, and kept until the LRS has taken it, so neither
    an LRS nor a broker that is down loses one. ``id`` is the statement's own id, derived
    from the event: recording the same event twice is one row."""

    id = models.UUIDField(primary_key=True)
    # Only to forget the unsent statements of a member who is erased; never sent.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    statement = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The LRS refused it for good (a conflicting id, an invalid statement): not sent again.
    rejected_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # A sender claims a batch until then, so two senders never post the same statements.
    claimed_until = models.DateTimeField(null=True, blank=True)
    claim = models.UUIDField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        verbose_name = _("xAPI statement")
        verbose_name_plural = _("xAPI statements")
        indexes = [
            models.Index(
                fields=["next_attempt_at", "created_at"],
                name="xapi_statement_due",
                condition=models.Q(sent_at__isnull=True, rejected_at__isnull=True),
            )
        ]

    def __str__(self):
        return str(self.id)


class PackageAttempt(models.Model):
    """What a SCORM or cmi5 package reported for a member in a lesson: the runtime's data
    model values (``cmi.*``, kept so the package resumes where it was), the completion and
    success it reported and the score. One per member and lesson; a pass completes the
    lesson through ``learning.services`` like any other lesson, a failure is kept here."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="package_attempts")
    lesson_key = models.UUIDField()
    standard = models.CharField(max_length=10)
    data = models.JSONField(default=dict)
    completion = models.CharField(max_length=20, blank=True, default="")
    success = models.CharField(max_length=20, blank=True, default="")
    score_scaled = models.FloatField(null=True, blank=True)
    score_raw = models.FloatField(null=True, blank=True)
    score_max = models.FloatField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("package attempt")
        verbose_name_plural = _("package attempts")
        constraints = [models.UniqueConstraint(fields=["member", "lesson_key"], name="package_attempt_once")]

    def __str__(self):
        return f"{self.member_id}: {self.completion or '-'} {self.success or ''}"


class Cmi5Launch(models.Model):
    """One launch of a lesson's cmi5 AU (cmi5 section 8): its ``registration``, the one-time
    ``fetch`` code that hands out the auth token, and the token's hash, with which the AU
    posts its statements to ``/learn/cmi5/statements``."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cmi5_launches")
    lesson_key = models.UUIDField()
    registration = models.UUIDField()
    fetch_code = models.CharField(max_length=64, unique=True)
    token_hash = models.CharField(max_length=64, unique=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("cmi5 launch")
        verbose_name_plural = _("cmi5 launches")

    def __str__(self):
        return str(self.registration)
