"""Demo data for trying the product: an organisation, 50+ members in every role, and the
Ambassador → Creator learning path in Dutch and English, with some members part-way. The
courses, lessons and quizzes are data files in ``cms/demo/data/``.

Idempotent: running it again adds nothing that is already there. Refuses to run with
DEBUG off, because it creates accounts with a known password.
"""

import datetime
import random

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from cms.demo.challenges import seed as seed_challenges
from cms.demo.community import seed as seed_community
from cms.demo.content import DemoDataError
from cms.demo.content import load as load_content
from cms.demo.outcomes import seed as seed_outcomes
from cms.demo.pages import seed as seed_pages
from cms.demo.plan_and_six_cs import seed as seed_plan_and_six_cs
from cms.demo.programme import seed as seed_programme
from cms.demo.sessions import seed as seed_sessions
from cms.demo.strategy import seed as seed_strategy
from cms.models import BrandingSettings, ProgrammeSettings
from courses.models import CoursePage
from learning import services as learning_services
from people import services as people_services
from people.models import Department, Location, Member, Role

PASSWORD = "socialshift"

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
# Every named account reads the site in Dutch; this one Ambassador reads it in English (to
# try the English pages and translations).
ENGLISH_ACCOUNT = ("english@example.com", "Emma English", Role.AMBASSADOR, False)


class Command(BaseCommand):
    help = "Load demo data (development only): organisation, members and the Ambassador → Creator path."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=50, help="How many generated members (default 50).")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo creates accounts with a known password; it only runs with DEBUG on.")
        try:
            content = load_content()
        except DemoDataError as error:
            raise CommandError(f"A demo data file needs fixing: {error}") from error
        with transaction.atomic():
            nl, en = self.locales()
            departments, locations = self.organisation()
            members = self.members(departments, locations, options["members"])
            seed_pages(nl, en, content)
        self.progress(members)
        self.activity(members)
        self.rewards()
        seed_sessions(members)
        seed_challenges(members)
        seed_programme(members)
        seed_strategy(members)
        seed_outcomes(members)
        seed_plan_and_six_cs(members)
        seed_community(members)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready: {Member.objects.count()} members; password {PASSWORD!r}.")
        )

    def locales(self):
        nl, _ = Locale.objects.get_or_create(language_code="nl")
        en, _ = Locale.objects.get_or_create(language_code="en")
        return nl, en

    def organisation(self):
        branding = BrandingSettings.load()
        if branding.organisation_name in ("", "Social Shift"):
            branding.organisation_name = "Zorg & Zo Demo"
            branding.primary_colour, branding.accent_colour = "#0b6e4f", "#f2a541"
            branding.save()
            programme = ProgrammeSettings.load()
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
                    email,
                    name,
                    role,
                    is_hr,
                    departments[i % len(departments)],
                    locations[i % len(locations)],
                    rng,
                    language="nl",
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
        members.append(self.member(*ENGLISH_ACCOUNT, departments[0], locations[0], rng, language="en"))
        return members

    def member(self, email, name, role, is_hr, department, location, rng, language=None):
        member = Member.objects.filter(email=email).first()
        if member is not None:
            return member
        first, _, last = name.partition(" ")
        roll = rng.random()  # drawn for every account, so the generated members stay the same
        member = Member.objects.create_user(
            email=email,
            password=None,
            first_name=first,
            last_name=last,
            display_name=name,
            department=department,
            location=location,
            language=language or ("en" if roll < 0.15 else "nl"),
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
        from gamification.services.badge_sweep import sweep

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
