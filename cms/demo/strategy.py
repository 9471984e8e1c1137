"""Demo content strategy: three goals with targets (recruitment: 20 applications this
quarter; employer brand; sales), six key messages with their outside audiences, the
challenges, stories and calendar entries tagged with the messages they serve, and the social
media guidelines (version 1, with two per-story checks) that every demo member has accepted;
the people with an open invitation accept them when they join. Dutch and English.
Idempotent: runs once per database (the recruitment goal marks it)."""

import datetime

from django.utils import timezone

from challenges.models import Challenge, Story
from people.models import Member
from strategy.models import Audience, CalendarEntry, Goal, Guidelines, GuidelinesAcceptance, KeyMessage

RECRUITMENT = "Meer sollicitaties via collega's"

AUDIENCES = [
    ("Kandidaten", "Candidates", "Zorgprofessionals die een nieuwe baan overwegen."),
    ("Klanten", "Customers", "Zorginstellingen en gemeenten die met ons werken of willen werken."),
    ("Partners", "Partners", "Opleidingen, leveranciers en samenwerkingspartners."),
]

# (goal, goal_en, kind, measure, target, [(message, message_en, description, audiences)])
GOALS = [
    (
        RECRUITMENT,
        "More applications through colleagues",
        Goal.Kind.RECRUITMENT,
        Goal.Measure.APPLICATIONS,
        20,
        [
            ("Werken bij ons is leren", "Working here means learning", "Opleiding, groei, kennissessies.", [0]),
            ("Collega's maken het verschil", "Colleagues make the difference", "Het team, de sfeer.", [0]),
        ],
    ),
    (
        "Sterk werkgeversmerk",
        "A strong employer brand",
        Goal.Kind.EMPLOYER_BRAND,
        Goal.Measure.SHARES,
        150,
        [
            ("Trots op ons vak", "Proud of our profession", "Wat we dagelijks voor cliënten doen.", [0, 2]),
            ("Een kijkje achter de schermen", "Behind the scenes", "Hoe het er bij ons echt aan toe gaat.", [0, 1]),
        ],
    ),
    (
        "Nieuwe klanten in de regio",
        "New customers in the region",
        Goal.Kind.SALES,
        Goal.Measure.LEADS,
        10,
        [
            ("Zorg die werkt", "Care that works", "Resultaten en tevreden klanten.", [1]),
            ("Samen innoveren", "Innovating together", "Nieuwe oplossingen met partners.", [1, 2]),
        ],
    ),
]

GUIDELINES_BODY = (
    "<p>Je blijft altijd de redacteur van je eigen kanaal: je deelt wat je wilt, in je eigen woorden.</p>"
    "<ul><li>Vermeld dat je bij ons werkt.</li><li>Deel niets vertrouwelijks over cliënten, collega's of "
    "klanten.</li><li>Vraag toestemming aan de mensen op je foto's.</li><li>Twijfel je? Vraag het de "
    "Social Editor.</li></ul>"
)
GUIDELINES_BODY_EN = (
    "<p>You always stay the editor of your own channel: you share what you want, in your own words.</p>"
    "<ul><li>Mention that you work here.</li><li>Share nothing confidential about clients, colleagues or "
    "customers.</li><li>Ask the people in your photos for their consent.</li><li>In doubt? Ask the Social "
    "Editor.</li></ul>"
)


def _quarter(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    first_month = 3 * ((today.month - 1) // 3) + 1
    start = today.replace(month=first_month, day=1)
    end_month = first_month + 2
    next_first = datetime.date(today.year + 1, 1, 1) if end_month == 12 else datetime.date(today.year, end_month + 1, 1)
    return start, next_first - datetime.timedelta(days=1)


def seed(members: list[Member]) -> None:
    if Goal.objects.filter(name=RECRUITMENT).exists():
        return
    start, end = _quarter(timezone.localdate())
    audiences = [
        Audience.objects.get_or_create(name=name, defaults={"name_en": name_en, "description": description})[0]
        for name, name_en, description in AUDIENCES
    ]
    messages: list[KeyMessage] = []
    for name, name_en, kind, measure, target, goal_messages in GOALS:
        goal = Goal.objects.create(
            name=name, name_en=name_en, kind=kind, measure=measure, target=target, period_start=start, period_end=end
        )
        for message, message_en, description, audience_indexes in goal_messages:
            key_message = KeyMessage.objects.create(
                goal=goal, name=message, name_en=message_en, description=description
            )
            key_message.audiences.set([audiences[i] for i in audience_indexes])
            messages.append(key_message)
    for i, challenge in enumerate(Challenge.objects.order_by("pk")):
        challenge.messages.set([messages[i % len(messages)], messages[(i + 2) % len(messages)]])
    for i, story in enumerate(Story.objects.order_by("pk")):
        story.messages.set([messages[i % len(messages)]])
    for i, entry in enumerate(CalendarEntry.objects.order_by("starts_on")[:12]):
        entry.messages.set([messages[(i + 3) % len(messages)]])
    guidelines = Guidelines.objects.create(
        title="Onze socialmediarichtlijnen",
        title_en="Our social media guidelines",
        body=GUIDELINES_BODY,
        body_en=GUIDELINES_BODY_EN,
        checks="De mensen op de foto's gaven toestemming\nDit verhaal bevat niets vertrouwelijks",
        checks_en="The people in the photos agreed\nThis story contains nothing confidential",
        published=True,
    )
    GuidelinesAcceptance.objects.bulk_create(
        [GuidelinesAcceptance(member=member, guidelines=guidelines) for member in Member.objects.all()],
        ignore_conflicts=True,
    )
