"""Demo data for the content plan and the 6 C's self-scan: a month of planned items in every
status (Dutch, and English for the English account), and self-scan answers for this quarter
and the last one, every department big enough to show but one (IT) that is pooled.
Idempotent: adds only what is still missing."""

import datetime
import random

from django.utils import timezone

from people.models import ROLE_RANK, Member, Role
from strategy.models import (
    PLAN_ORDER,
    CalendarEntry,
    Channel,
    KeyMessage,
    PlanItem,
    SixCAnswer,
    SixCQuestion,
    SixCResponse,
)
from strategy.services.six_cs import quarter_of

PLAN_TITLES = [
    "Vacature verpleegkundige delen met een persoonlijk verhaal",
    "Foto van het team op de zorgbeurs",
    "Klant aan het woord: waarom zij voor ons kozen",
    "Achter de schermen bij de nachtdienst",
    "Eerste werkdag van een nieuwe collega",
    "Wat ik deze maand leerde in de e-learning",
    "Succes van de maand: een opgelost klantprobleem",
    "Tips voor een sterk LinkedIn-profiel",
    "Onze duurzame keuzes op kantoor",
    "Terugblik op de kennissessie",
    "Een dag meelopen met de buitendienst",
    "Waarom ik hier al tien jaar werk",
]
PLAN_TITLES_EN = ["Our team at the trade fair, in English", "What I learnt this month", "Meet our new colleagues"]
# The department whose few answers are pooled with the smallest shown group.
SMALL_DEPARTMENT = "IT"
SMALL_RESPONDENTS = 3


def seed(members: list[Member]) -> None:
    _plan(members)
    _six_cs(members)


def _plan(members: list[Member]) -> None:
    if PlanItem.objects.exists():
        return
    rng = random.Random(15)
    today = timezone.localdate()
    owners = [m for m in members if ROLE_RANK.get(Role(m.role), 0) >= ROLE_RANK[Role.CREATOR]]
    master = next((m for m in members if m.role == Role.MASTER), owners[0] if owners else None)
    if not owners or master is None:
        return
    messages = list(KeyMessage.objects.filter(active=True).order_by("pk"))
    entries = list(
        CalendarEntry.objects.filter(starts_on__gte=today, starts_on__lte=today + datetime.timedelta(days=31))
    )
    channels = [Channel.LINKEDIN, Channel.LINKEDIN, Channel.INSTAGRAM, Channel.FACEBOOK]
    items = []
    # Every status, spread over a month: the earlier steps later in the month.
    for i, title in enumerate(PLAN_TITLES):
        status = PLAN_ORDER[i % len(PLAN_ORDER)]
        offset = (len(PLAN_ORDER) - PLAN_ORDER.index(status)) * 4 + rng.randint(-2, 2)
        owner = owners[i % len(owners)]
        items.append(
            PlanItem(
                title=title,
                owner=owner,
                department_id=owner.department_id,
                due=today + datetime.timedelta(days=offset - 6),
                status=status,
                channel=channels[i % len(channels)],
                message=messages[i % len(messages)] if messages else None,
                calendar_entry=entries[i % len(entries)] if entries and i % 4 == 1 else None,
                created_by=master,
            )
        )
    english = next((m for m in owners if m.language == "en"), master)
    for i, title in enumerate(PLAN_TITLES_EN):
        items.append(
            PlanItem(
                title=title,
                owner=english,
                department_id=english.department_id,
                due=today + datetime.timedelta(days=7 * (i + 1)),
                status=PLAN_ORDER[i],
                created_by=master,
            )
        )
    PlanItem.objects.bulk_create(items)


def _six_cs(members: list[Member]) -> None:
    questions = list(SixCQuestion.objects.filter(active=True))
    if not questions:
        return
    rng = random.Random(6)
    now = timezone.now()
    this_quarter_start = timezone.localtime(now).replace(
        month=(timezone.localtime(now).month - 1) // 3 * 3 + 1, day=1, hour=12, minute=0, second=0, microsecond=0
    )
    last_quarter = this_quarter_start - datetime.timedelta(days=45)
    small_seen = 0
    for member in sorted(members, key=lambda m: m.pk):
        if member.department and member.department.name == SMALL_DEPARTMENT:
            if small_seen >= SMALL_RESPONDENTS:
                continue
            small_seen += 1
        base = rng.randint(2, 4)
        for moment, growth in ((last_quarter, 0), (now, 1)):
            response, created = SixCResponse.objects.get_or_create(
                member=member,
                quarter=quarter_of(moment),
                defaults={"department_id": member.department_id, "submitted_at": moment},
            )
            if not created:
                continue
            SixCAnswer.objects.bulk_create(
                SixCAnswer(
                    response=response,
                    question=q,
                    c=q.c,
                    value=max(1, min(5, base + growth + rng.choice([-1, 0, 0, 1]) - (q.c == "conversations"))),
                )
                for q in questions
            )
