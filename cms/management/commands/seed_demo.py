"""Demo data for trying the product: an organisation, 50+ members in every role, and the
Ambassador → Creator learning path in Dutch and English, with some members part-way.

Idempotent: running it again adds nothing that is already there. Refuses to run with
DEBUG off, because it creates accounts with a known password.
"""

import datetime
import random
import uuid

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from cms.demo.challenges import seed as seed_challenges
from cms.demo.content import AMBASSADOR_TO_CREATOR_PATH
from cms.demo.programme import seed as seed_programme
from cms.demo.sessions import seed as seed_sessions
from cms.models import HomePage, ProgrammeSettings
from courses.models import CourseIndexPage, CoursePage, LearningPath, LessonPage, PathCourse
from learning import services as learning_services
from people import services as people_services
from people.models import Department, Location, Member, Role

PASSWORD = "socialshift"
ID_NAMESPACE = uuid.UUID("5b0c2d55-6a7e-4c59-9d0e-3c1f6f0f8a10")

DEPARTMENTS = ["Marketing & Communicatie", "Sales", "Klantenservice", "Operations", "IT", "HR"]
LOCATIONS = ["Utrecht", "Amsterdam", "Rotterdam", "Eindhoven"]
FIRST_NAMES = [
    "Sanne",
    "Daan",
    "Fleur",
    "Bram",
    "Lotte",
    "Jesse",
    "Noor",
    "Thijs",
    "Eva",
    "Ruben",
    "Iris",
    "Milan",
    "Femke",
    "Lars",
    "Anouk",
    "Sem",
    "Lieke",
    "Stijn",
    "Yara",
    "Koen",
    "Amira",
    "Mohamed",
    "Priya",
    "Tom",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "El Amrani",
    "Yilmaz",
    "Kaya",
    "Willems",
]
NAMED_ACCOUNTS = [
    ("master@example.com", "Marieke Social Master", Role.MASTER, False),
    ("editor@example.com", "Erik Editor", Role.EDITOR, False),
    ("creator@example.com", "Carla Creator", Role.CREATOR, False),
    ("ambassador@example.com", "Anna Ambassador", Role.AMBASSADOR, False),
    ("activator@example.com", "Arjen Activator", Role.ACTIVATOR, False),
    ("hr@example.com", "Hanneke HR", Role.AMBASSADOR, True),
]
HOME = {
    "title": {"nl": "Social Shift", "en": "Social Shift"},
    "intro": {
        "nl": "<p>Welkom bij ons Social Shift-programma. Leer, deel je verhalen van de werkvloer en laat zien "
        "wat er bij ons gebeurt. Jij blijft altijd de eindredacteur van je eigen kanaal.</p>",
        "en": "<p>Welcome to our Social Shift programme. Learn, share stories from the work floor and show what "
        "happens here. You always stay the editor of your own channel.</p>",
    },
}
COURSE_INDEX = {"slug": "e-learning", "title": {"nl": "E-learning", "en": "E-learning"}}


def block_id(*parts) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(p) for p in parts)))


def lesson_body(course_slug: str, lesson: dict, lang: str) -> list:
    body = []
    for i, block in enumerate(lesson["body"]):
        kind, value = block["type"], block["value"]
        if kind == "heading" or kind == "paragraph":
            raw = value[lang]
        elif kind == "tip":
            raw = {"kind": "tip", "text": value[lang]}
        elif kind == "assignment":
            raw = {"title": value["title"][lang], "instructions": value["instructions"][lang]}
        else:
            raise CommandError(f"Unknown block type {kind}")
        body.append({"type": kind, "value": raw, "id": block_id(course_slug, lesson["slug"], i)})
    quiz = lesson.get("quiz")
    if quiz:
        questions = []
        for q, question in enumerate(quiz["questions"]):
            choices = [
                {
                    "type": "item",
                    "id": block_id(course_slug, lesson["slug"], "q", q, "c", c),
                    "value": {
                        "text": choice["text"][lang],
                        "correct": choice["correct"],
                        "explanation": choice["explanation"][lang],
                    },
                }
                for c, choice in enumerate(question["choices"])
            ]
            questions.append(
                {
                    "type": "item",
                    "id": block_id(course_slug, lesson["slug"], "q", q),
                    "value": {"kind": question["kind"], "text": question["text"][lang], "choices": choices},
                }
            )
        body.append(
            {
                "type": "quiz",
                "id": block_id(course_slug, lesson["slug"], "quiz"),
                "value": {"intro": "", "pass_mark": quiz["pass_mark"], "questions": questions},
            }
        )
    return body


def publish(page):
    page.save_revision().publish()
    return page


class Command(BaseCommand):
    help = "Load demo data (development only): organisation, members and the Ambassador → Creator path."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=50, help="How many generated members (default 50).")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo creates accounts with a known password; it only runs with DEBUG on.")
        with transaction.atomic():
            nl, en = self.locales()
            departments, locations = self.organisation()
            members = self.members(departments, locations, options["members"])
            home_nl, home_en = self.home(nl, en)
            courses = self.courses(home_nl, nl, en)
            self.path(courses, nl, en)
        self.progress(members)
        self.activity(members)
        self.rewards()
        seed_sessions(members)
        seed_challenges(members)
        seed_programme(members)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready: {Member.objects.count()} members; password {PASSWORD!r}.")
        )

    def locales(self):
        nl, _ = Locale.objects.get_or_create(language_code="nl")
        en, _ = Locale.objects.get_or_create(language_code="en")
        return nl, en

    def organisation(self):
        programme = ProgrammeSettings.load()
        if programme.organisation_name in ("", "Social Shift"):
            programme.organisation_name = "Zorg & Zo Demo"
            programme.certificate_signatory = "Marieke Social Master, Social Master"
            programme.save()
        departments = [Department.objects.get_or_create(name=name)[0] for name in DEPARTMENTS]
        locations = [Location.objects.get_or_create(name=name)[0] for name in LOCATIONS]
        return departments, locations

    def members(self, departments, locations, count):
        rng = random.Random(42)  # the same demo organisation every time
        self.password_hash = make_password(PASSWORD)
        members = []
        for i, (email, name, role, is_hr) in enumerate(NAMED_ACCOUNTS):
            members.append(
                self.member(
                    email, name, role, is_hr, departments[i % len(departments)], locations[i % len(locations)], rng
                )
            )
        roles = [Role.AMBASSADOR] * 30 + [Role.CREATOR] * 10 + [Role.EDITOR] * 4 + [Role.ACTIVATOR] * 4 + [Role.MASTER]
        for i in range(count):
            first, last = FIRST_NAMES[i % len(FIRST_NAMES)], LAST_NAMES[(i * 7) % len(LAST_NAMES)]
            email = f"{first}.{last}".lower().replace(" ", "") + f"{i}@example.com"
            role = roles[i % len(roles)]
            members.append(
                self.member(
                    email, f"{first} {last}", role, i % 17 == 0, rng.choice(departments), rng.choice(locations), rng
                )
            )
        return members

    def member(self, email, name, role, is_hr, department, location, rng):
        member = Member.objects.filter(email=email).first()
        if member is not None:
            return member
        first, _, last = name.partition(" ")
        member = Member.objects.create_user(
            email=email,
            password=None,
            first_name=first,
            last_name=last,
            display_name=name,
            department=department,
            location=location,
            language="en" if rng.random() < 0.15 else "nl",
            network_size=rng.choice([80, 150, 300, 500, 900, 1500, 3000]),
        )
        # Hashing is slow on purpose; one hash serves every demo account.
        member.password = self.password_hash
        member.save(update_fields=["password"])
        people_services.set_role(member=member, role=role, is_hr=is_hr)
        people_services.set_language(member=member, language=member.language)
        member.role_changed_at = None
        member.save(update_fields=["role_changed_at"])
        return member

    def home(self, nl, en):
        home_nl = HomePage.objects.filter(locale=nl).first()
        if home_nl is None:
            root = Page.get_first_root_node()
            home_nl = root.add_child(instance=HomePage(title=HOME["title"]["nl"], slug="home", locale=nl))
            Site.objects.update_or_create(
                is_default_site=True, defaults={"root_page": home_nl, "hostname": "localhost"}
            )
        home_nl.intro = HOME["intro"]["nl"]
        publish(home_nl)
        home_en = home_nl.get_translation_or_none(en)
        if home_en is None:
            home_en = home_nl.copy_for_translation(en)
        home_en.title, home_en.intro = HOME["title"]["en"], HOME["intro"]["en"]
        publish(home_en)
        return home_nl, home_en

    def translate(self, page_nl, en, **fields):
        page_en = page_nl.get_translation_or_none(en)
        if page_en is None:
            page_en = page_nl.copy_for_translation(en)
        for name, value in fields.items():
            setattr(page_en, name, value)
        return publish(page_en)

    def courses(self, home_nl, nl, en):
        index_nl = CourseIndexPage.objects.filter(locale=nl, slug=COURSE_INDEX["slug"]).first()
        if index_nl is None:
            index_nl = home_nl.add_child(
                instance=CourseIndexPage(title=COURSE_INDEX["title"]["nl"], slug=COURSE_INDEX["slug"])
            )
            publish(index_nl)
        self.translate(index_nl, en, title=COURSE_INDEX["title"]["en"])
        by_slug = {}
        for spec in AMBASSADOR_TO_CREATOR_PATH["courses"]:
            course_nl = CoursePage.objects.child_of(index_nl).filter(slug=spec["slug"]).first()
            if course_nl is None:
                course_nl = index_nl.add_child(
                    instance=CoursePage(
                        title=spec["title"]["nl"],
                        slug=spec["slug"],
                        summary=spec["summary"]["nl"],
                        estimated_minutes=spec["estimated_minutes"],
                    )
                )
                course_nl.prerequisites.set([by_slug[s][0] for s in spec["prerequisites"]])
                publish(course_nl)
            course_en = self.translate(
                course_nl,
                en,
                title=spec["title"]["en"],
                summary=spec["summary"]["en"],
                estimated_minutes=spec["estimated_minutes"],
            )
            if spec["prerequisites"]:
                course_en.prerequisites.set([by_slug[s][1] for s in spec["prerequisites"]])
                publish(course_en)
            for lesson in spec["lessons"]:
                lesson_nl = LessonPage.objects.child_of(course_nl).filter(slug=lesson["slug"]).first()
                if lesson_nl is None:
                    lesson_nl = course_nl.add_child(
                        instance=LessonPage(
                            title=lesson["title"]["nl"],
                            slug=lesson["slug"],
                            body=lesson_body(spec["slug"], lesson, "nl"),
                        )
                    )
                    publish(lesson_nl)
                self.translate(lesson_nl, en, title=lesson["title"]["en"], body=lesson_body(spec["slug"], lesson, "en"))
            by_slug[spec["slug"]] = (course_nl, course_en)
        return by_slug

    def path(self, courses, nl, en):
        spec = AMBASSADOR_TO_CREATOR_PATH
        for locale, index in ((nl, 0), (en, 1)):
            lang = locale.language_code
            source = LearningPath.objects.filter(locale=nl, title=spec["title"]["nl"]).first()
            path = LearningPath.objects.filter(locale=locale, title=spec["title"][lang]).first()
            if path is not None:
                continue
            path = LearningPath(
                title=spec["title"][lang], intro=spec["intro"][lang], target_role=Role.CREATOR, locale=locale
            )
            if source is not None:
                path.translation_key = source.translation_key
            path.save()
            for order, course_spec in enumerate(spec["courses"]):
                PathCourse.objects.create(path=path, course=courses[course_spec["slug"]][index], sort_order=order)

    def progress(self, members):
        """Some ambassadors part-way through the path, one at the last lesson."""
        course_nl = CoursePage.objects.filter(locale__language_code="nl").order_by("path")
        first_course = course_nl.first()
        lessons = list(first_course.lessons())
        ambassadors = [m for m in members if m.role == Role.AMBASSADOR and m.email != "ambassador@example.com"]
        for n, member in enumerate(ambassadors[:12]):
            for lesson in lessons[: 1 + n % len(lessons)]:
                answers = correct_answers(lesson)
                if answers is not None:
                    learning_services.submit_quiz(
                        member=member, lesson=lesson, answers=answers, client_token=f"seed-{lesson.pk}"
                    )
                else:
                    learning_services.complete_lesson(member=member, lesson=lesson)

    def activity(self, members):
        """Eight weeks of sharing by a third of the members, so that boards, streaks and the
        prize standings have something to show. Refs are fixed: running again adds nothing."""
        from gamification.models import PointRule
        from gamification.services.points import record_action

        for action, label, label_en, points in DEMO_RULES:
            PointRule.objects.get_or_create(
                action=action, defaults={"label": label, "label_en": label_en, "points": points}
            )
        rng = random.Random(7)
        now = timezone.now()
        sharers = [m for m in members if m.role in (Role.AMBASSADOR, Role.CREATOR)][::3]
        for member in sharers:
            keen = rng.random()
            for week in range(8):
                if rng.random() > keen:
                    continue
                when = now - datetime.timedelta(weeks=week, hours=rng.randint(1, 100))
                story = f"demo-story:{member.pk}:{week}"
                record_action(member=member, action="story_shared", ref=story, occurred_at=when, label="Demo")
                for click in range(rng.randint(0, 6)):
                    record_action(
                        member=member,
                        action="share_click",
                        ref=f"{story}:click:{click}",
                        occurred_at=when,
                        label="Demo",
                    )

    def rewards(self):
        """Badges to earn and this quarter's "best social media user" prize."""
        from gamification.models import BadgeClass, PrizePeriod
        from gamification.selectors.prizes import default_quarter
        from gamification.services.badge_evaluation import sweep

        for slug, name, name_en, description, description_en, criterion, extra in DEMO_BADGES:
            BadgeClass.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "name_en": name_en,
                    "description": description,
                    "description_en": description_en,
                    "criterion": criterion,
                    **extra,
                },
            )
        starts_at, ends_at = default_quarter()
        PrizePeriod.objects.get_or_create(
            starts_at=starts_at,
            defaults={
                "title": "Beste social media-gebruiker van het kwartaal",
                "description": "Wie deelde dit kwartaal de beste verhalen van de werkvloer? "
                "Nomineer ook een collega die jou inspireerde.",
                "ends_at": ends_at,
                "nomination_weight": 5,
                "winners_count": 1,
                "jury": True,
                "badge": BadgeClass.objects.get(slug="best-social-media-user"),
            },
        )
        sweep()


DEMO_BADGES = [
    (
        "first-lesson",
        "Eerste les",
        "First lesson",
        "Je eerste les in de e-learning afgerond.",
        "Completed your first e-learning lesson.",
        "action_count",
        {"action": "lesson_completed", "count": 1},
    ),
    (
        "storyteller",
        "Verteller",
        "Storyteller",
        "Vijf verhalen van de werkvloer gedeeld.",
        "Shared five stories from the work floor.",
        "action_count",
        {"action": "story_shared", "count": 5},
    ),
    (
        "three-weeks",
        "Drie weken op rij",
        "Three weeks in a row",
        "Drie weken achter elkaar actief geweest.",
        "Active three weeks in a row.",
        "streak_weeks",
        {"count": 3},
    ),
    (
        "social-creator",
        "Social Creator",
        "Social Creator",
        "Het leerpad van Ambassador naar Creator afgerond.",
        "Completed the path from Ambassador to Creator.",
        "path_completed",
        {},
    ),
    (
        "best-social-media-user",
        "Beste social media-gebruiker",
        "Best social media user",
        "Gekozen tot beste social media-gebruiker van een kwartaal.",
        "Chosen as the best social media user of a quarter.",
        "manual",
        {},
    ),
]

DEMO_RULES = [
    ("story_shared", "Verhaal gedeeld", "Story shared", 5),
    ("share_click", "Klik op je gedeelde verhaal", "Click on your shared story", 1),
    ("story_approved", "Verhaal goedgekeurd", "Story approved", 10),
    ("session_attended", "Sessie bijgewoond", "Session attended", 5),
]


def correct_answers(lesson):
    quiz = lesson.quiz
    if quiz is None:
        return None
    return {
        question.id: [choice.id for choice in question.value["choices"].bound_blocks if choice.value["correct"]]
        for question in quiz["questions"].bound_blocks
    }
