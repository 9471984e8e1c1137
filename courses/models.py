from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from core.pages import MembersOnlyPageMixin
from people.models import Role

from .blocks import LessonBodyBlock


class CourseIndexPage(MembersOnlyPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    context_hook_name = "course_index_page_context"
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course overview")


class CoursePage(MembersOnlyPageMixin, Page):
    summary = models.TextField(_("summary"), max_length=500)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=20)
    prerequisites = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        verbose_name=_("prerequisite courses"),
        help_text=_("Courses a member must complete before starting this one."),
    )

    context_hook_name = "course_page_context"
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("estimated_minutes"),
        FieldPanel("prerequisites"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def clean(self):
        super().clean()
        if self.pk and any(course.pk == self.pk for course in self.prerequisites.all()):
            raise ValidationError({"prerequisites": _("A course cannot be its own prerequisite.")})

    def lessons(self):
        return LessonPage.objects.child_of(self).live().order_by("path")


class LessonPage(MembersOnlyPageMixin, Page):
    body = StreamField(LessonBodyBlock(), verbose_name=_("content"), blank=True)
    # Kept in step with ``body`` on save so that progress pages can count lessons without
    # loading every lesson's StreamField: empty lessons never count, quiz lessons complete
    # when the quiz is passed.
    has_content = models.BooleanField(default=False, editable=False)
    has_quiz = models.BooleanField(default=False, editable=False)

    context_hook_name = "lesson_page_context"
    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def save(self, *args, **kwargs):
        self.has_content = len(self.body) > 0
        self.has_quiz = self.quiz is not None
        return super().save(*args, **kwargs)

    @property
    def quiz(self):
        for block in self.body:
            if block.block_type == "quiz":
                return block.value
        return None


class LearningPath(TranslatableMixin, index.Indexed, ClusterableModel):
    """An ordered series of courses, optionally promoting whoever finishes it to a role
    (the seeded path: Social Ambassador → Social Creator)."""

    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    target_role = models.CharField(
        _("promotes to"),
        max_length=20,
        choices=Role.choices,
        blank=True,
        help_text=_("Members who complete the path get this role (never a lower one)."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order on the dashboard"), default=0)

    panels = [
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("intro"), FieldPanel("target_role"), FieldPanel("sort_order")]
        ),
        InlinePanel("path_courses", label=_("courses"), min_num=1),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "title"]
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")

    def __str__(self):
        return self.title


class PathCourse(Orderable):
    path = ParentalKey(LearningPath, on_delete=models.CASCADE, related_name="path_courses")
    course = models.ForeignKey(CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        verbose_name = _("course in path")
        constraints = [models.UniqueConstraint(fields=["path", "course"], name="path_course_once")]
