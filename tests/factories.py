"""Factories for members and real Wagtail page trees (courses, lessons, quizzes)."""

import uuid

import factory
from wagtail.models import Locale, Page

from courses.models import CourseIndexPage, CoursePage, LearningPath, LessonPage, PathCourse
from people.models import Department, Location, Member, Role

PASSWORD = "correct horse battery"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Department {n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Location {n}")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.com")
    display_name = factory.Sequence(lambda n: f"Member {n}")
    role = Role.AMBASSADOR
    language = "en"
    department = factory.SubFactory(DepartmentFactory)
    location = factory.SubFactory(LocationFactory)
    email_notifications = True
    email_outside_office_hours = True

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])

    @factory.post_generation
    def groups_for_role(obj, create, extracted, **kwargs):
        if create:
            from people.services import sync_groups

            sync_groups(member=obj)

    @factory.post_generation
    def accepted_guidelines(obj, create, extracted, **kwargs):
        """Members have accepted the current social media guidelines, if any are published
        (``accepted_guidelines=False``: not yet)."""
        if create and extracted is not False:
            from strategy.models import Guidelines, GuidelinesAcceptance

            current = Guidelines.objects.filter(published=True).order_by("-published_at", "-pk").first()
            if current is not None:
                GuidelinesAcceptance.objects.get_or_create(member=obj, guidelines=current)


def choice(text, correct=False, explanation=""):
    return {"text": text, "correct": correct, "explanation": explanation or f"About {text}."}


def question(text, choices, kind="single"):
    return {"kind": kind, "text": text, "choices": choices}


def quiz_block(questions, pass_mark=70):
    return {
        "type": "quiz",
        "id": str(uuid.uuid4()),
        "value": {
            "intro": "",
            "pass_mark": pass_mark,
            "questions": [
                {
                    "type": "item",
                    "id": str(uuid.uuid4()),
                    "value": {
                        "kind": q["kind"],
                        "text": q["text"],
                        "choices": [{"type": "item", "id": str(uuid.uuid4()), "value": c} for c in q["choices"]],
                    },
                }
                for q in questions
            ],
        },
    }


def text_body(text="Some useful lesson text."):
    return [
        {"type": "heading", "id": str(uuid.uuid4()), "value": "A heading"},
        {"type": "paragraph", "id": str(uuid.uuid4()), "value": f"<p>{text}</p>"},
    ]


def default_quiz():
    return quiz_block(
        [
            question("Pick A", [choice("A", True), choice("B")]),
            question("A and C", [choice("A", True), choice("B"), choice("C", True)], kind="multiple"),
            question("The sky is blue", [choice("True", True), choice("False")], kind="true_false"),
        ]
    )


def home_page():
    """The site's home page. Transactional tests flush the data migrations' rows, so
    recreate the default locale, home page and site when they are gone."""
    from django.conf import settings
    from wagtail.models import Site

    from cms.models import HomePage

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    home = Page.objects.filter(depth=2, locale=locale).first()
    if home is None:
        root = Page.get_first_root_node()
        if root is None:
            root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
        home = root.add_child(instance=HomePage(title="Home", slug="home", locale=locale))
        Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    return home.specific


def course_index(parent=None):
    parent = parent or home_page()
    existing = CourseIndexPage.objects.child_of(parent).first()
    if existing:
        return existing
    page = parent.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
    page.save_revision().publish()
    return page


def make_course(title="Course", *, lessons=2, quiz_on=(), empty=(), prerequisites=(), parent=None, slug=None):
    """A live course with ``lessons`` live lessons; indexes in ``quiz_on`` get a quiz,
    those in ``empty`` no content at all."""
    index = parent or course_index()
    course = index.add_child(
        instance=CoursePage(title=title, slug=slug or f"c-{uuid.uuid4().hex[:8]}", summary=f"About {title}")
    )
    if prerequisites:
        course.prerequisites.set(list(prerequisites))
    course.save_revision().publish()
    for i in range(lessons):
        body = [] if i in empty else text_body(f"Lesson {i + 1} of {title}")
        if i in quiz_on:
            body.append(default_quiz())
        lesson = course.add_child(
            instance=LessonPage(title=f"{title} lesson {i + 1}", slug=f"lesson-{i + 1}", body=body)
        )
        lesson.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)


def lessons_of(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


def make_path(courses, *, title="Path", target_role=Role.CREATOR):
    path = LearningPath.objects.create(title=title, target_role=target_role, locale=Locale.get_default())
    for order, course in enumerate(courses):
        PathCourse.objects.create(path=path, course=course, sort_order=order)
    return path


def correct_answers(lesson):
    return {
        q.id: [c.id for c in q.value["choices"].bound_blocks if c.value["correct"]]
        for q in lesson.quiz["questions"].bound_blocks
    }


def wrong_answers(lesson):
    answers = {}
    for q in lesson.quiz["questions"].bound_blocks:
        wrong = [c.id for c in q.value["choices"].bound_blocks if not c.value["correct"]]
        answers[q.id] = wrong[:1]
    return answers
