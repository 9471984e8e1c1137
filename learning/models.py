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
