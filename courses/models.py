import uuid

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
from core.storage import PrivateStorage
from people.models import Role

from . import packages
from .audience import Audience, roles_from, roles_value  # noqa: F401 (roles_value: part of this module's API)
from .blocks import LessonBodyBlock
from .forms import CoursePageForm


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
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.EVERYONE,
        help_text=_("Who sees this course. Members outside the audience do not see it at all."),
    )
    audience_departments = ParentalManyToManyField(
        "people.Department", blank=True, related_name="+", verbose_name=_("departments")
    )
    audience_locations = ParentalManyToManyField(
        "people.Location", blank=True, related_name="+", verbose_name=_("locations")
    )
    audience_roles = models.CharField(_("roles"), max_length=200, blank=True)
    # The key messages of the content strategy the course helps members carry.
    messages = ParentalManyToManyField(
        "strategy.KeyMessage", blank=True, related_name="+", verbose_name=_("key messages")
    )

    context_hook_name = "course_page_context"
    base_form_class = CoursePageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("estimated_minutes"),
        FieldPanel("prerequisites"),
        FieldPanel("messages"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("audience_departments"),
                FieldPanel("audience_locations"),
                FieldPanel("audience_roles"),
            ],
            heading=_("Audience"),
        ),
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
        self._clean_audience()

    def _clean_audience(self):
        chosen = {
            Audience.DEPARTMENTS: ("audience_departments", list(self.audience_departments.all())),
            Audience.LOCATIONS: ("audience_locations", list(self.audience_locations.all())),
            Audience.ROLES: ("audience_roles", roles_from(self.audience_roles)),
        }
        if self.audience in chosen and not chosen[self.audience][1]:
            field = chosen[self.audience][0]
            raise ValidationError({field: _("Choose at least one for this audience.")})

    def copy_for_translation(self, locale, copy_parents=False, alias=False, exclude_fields=None):
        """A translation requires the translations of the prerequisites, never the courses
        in the source language (those the admin's chooser would not even offer); a
        prerequisite not translated yet is left out until it is."""
        translated = super().copy_for_translation(
            locale, copy_parents=copy_parents, alias=alias, exclude_fields=exclude_fields
        )
        keys = [course.translation_key for course in self.prerequisites.all()]
        wanted = list(CoursePage.objects.filter(translation_key__in=keys, locale=locale))
        if {c.pk for c in translated.prerequisites.all()} != {c.pk for c in wanted}:
            translated.prerequisites.set(wanted)
            translated.save(clean=False)
            if translated.latest_revision_id and not alias:
                translated.save_revision(clean=False, changed=False)
        return translated

    def lessons(self):
        return LessonPage.objects.child_of(self).live().order_by("path")


class LearningPackage(models.Model):
    """A SCORM 1.2, SCORM 2004 or cmi5 package a Master uploads (a snippet), played by the
    lessons that refer to it. The zip is checked (``courses.packages``) and unpacked into
    private media under ``folder``; its files are served only to members who may see such a
    lesson (``learning.views.package_file``)."""

    class Standard(models.TextChoices):
        SCORM12 = packages.SCORM12, "SCORM 1.2"
        SCORM2004 = packages.SCORM2004, "SCORM 2004"
        CMI5 = packages.CMI5, "cmi5"

    title = models.CharField(_("title"), max_length=200, blank=True)
    file = models.FileField(
        _("package (zip)"),
        storage=PrivateStorage(),
        upload_to="packages/zips/",
        help_text=_("A SCORM 1.2, SCORM 2004 or cmi5 zip as your authoring tool exports it."),
    )
    standard = models.CharField(_("standard"), max_length=10, choices=Standard.choices, editable=False)
    launch = models.CharField(_("launch file"), max_length=500, editable=False)
    activity_id = models.CharField(max_length=500, blank=True, default="", editable=False)  # cmi5: the AU's id
    folder = models.UUIDField(default=uuid.uuid4, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)

    panels = [FieldPanel("title"), FieldPanel("file")]

    class Meta:
        verbose_name = _("e-learning package")
        verbose_name_plural = _("e-learning packages")

    def __str__(self):
        return self.title or self.file.name.rsplit("/", 1)[-1]

    def save(self, *args, **kwargs):
        """A new zip is checked (if ``clean`` did not already) and unpacked into a new folder,
        so a replaced package never mixes with the files of the old one."""
        new_upload = bool(self.file) and not getattr(self.file, "_committed", True)
        if new_upload and not getattr(self, "_checked", False):
            self.clean()
        if new_upload:
            self.folder = uuid.uuid4()
        super().save(*args, **kwargs)
        if new_upload:
            packages.unpack(self.file.path, self.file.storage, f"packages/{self.folder}")
            self._checked = False

    def clean(self):
        super().clean()
        if self.file and not getattr(self.file, "_committed", True):
            upload = self.file.file
            info = packages.inspect(upload)
            upload.seek(0)
            self.standard, self.launch, self.activity_id = info.standard, info.launch, info.activity_id
            self.title = self.title or info.title[:200]
            self._checked = True


class LessonPage(MembersOnlyPageMixin, Page):
    body = StreamField(LessonBodyBlock(), verbose_name=_("content"), blank=True)
    package = models.ForeignKey(
        LearningPackage,
        verbose_name=_("e-learning package"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lessons",
        help_text=_("A SCORM or cmi5 package played in the lesson; it completes the lesson when it reports so."),
    )
    # Kept in step with ``body`` on save so that progress pages can count lessons without
    # loading every lesson's StreamField: empty lessons never count, quiz lessons complete
    # when the quiz is passed.
    has_content = models.BooleanField(default=False, editable=False)
    has_quiz = models.BooleanField(default=False, editable=False)

    context_hook_name = "lesson_page_context"
    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("package")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def save(self, *args, **kwargs):
        self.has_content = len(self.body) > 0 or self.package_id is not None
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
