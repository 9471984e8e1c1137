"""The demo community: four spaces (the whole programme, "Tips voor LinkedIn", one
department, a session follow-up), Dutch and English threads by the demo members, a
question with an accepted answer, one reported post and two held spam posts in the
moderation queue. Idempotent: nothing happens when the first space exists."""

import datetime

from django.utils import timezone

from community import sanitise
from community import services as community_services
from community.models import Post, ReadAudience, Space, Thread
from events.models import SessionPage
from people.models import Member, Role

PROGRAMME_SLUG = "programma"


def _post(thread: Thread, author: Member, body: str, at: datetime.datetime, reply_to: Post | None = None) -> Post:
    """A published post from the demo's history (rows, as the factories build them: the
    history predates the spam defence, which the held posts below go through)."""
    post = Post.objects.create(
        thread=thread,
        author=author,
        body=body,
        html=sanitise.render(body),
        fingerprint=sanitise.fingerprint(body),
        reply_to=reply_to,
        created_at=at,
    )
    Thread.objects.filter(pk=thread.pk).update(last_post_at=at)
    return post


def _thread(space: Space, author: Member, title: str, at: datetime.datetime, question: bool = False) -> Thread:
    return Thread.objects.create(
        space=space, author=author, title=title, is_question=question, created_at=at, last_post_at=at
    )


def seed(members: list[Member]) -> None:
    if Space.objects.filter(slug=PROGRAMME_SLUG).exists():
        return
    by_email = {m.email: m for m in Member.objects.filter(email__endswith="@example.com")}
    master, editor = by_email["master@example.com"], by_email["editor@example.com"]
    creator, ambassador = by_email["creator@example.com"], by_email["ambassador@example.com"]
    activator = by_email["activator@example.com"]
    english = by_email.get("english@example.com", ambassador)
    others = [m for m in members if m.role == Role.AMBASSADOR and m.email not in by_email][:3] or [ambassador]
    now = timezone.now()
    ago = lambda **kw: now - datetime.timedelta(**kw)  # noqa: E731

    programme = Space.objects.create(
        name="Het programma",
        name_en="The programme",
        slug=PROGRAMME_SLUG,
        description="Vragen, ideeën en nieuws over ons ambassadeursprogramma. / Questions and news.",
        position=1,
    )
    tips = Space.objects.create(
        name="Tips voor LinkedIn",
        name_en="LinkedIn tips",
        slug="linkedin-tips",
        description="Profiel, posts en netwerk: deel wat werkt.",
        position=2,
    )
    department = activator.department or creator.department
    team = Space.objects.create(
        name=f"Team {department.name}" if department else "Team",
        name_en=f"{department.name} team" if department else "Team",
        slug="team",
        read_audience=ReadAudience.DEPARTMENT if department else ReadAudience.EVERYONE,
        department=department,
        description="Alleen voor collega's van deze afdeling.",
        position=3,
    )
    session = SessionPage.objects.live().order_by("pk").first()
    follow_up = Space.objects.create(
        name=f"Nabespreking: {session.title}" if session else "Nabespreking kennissessie",
        name_en=f"Follow-up: {session.title}" if session else "Session follow-up",
        slug="nabespreking",
        scope=f"session:{session.pk}" if session else "",
        description="Vragen en huiswerk na de kennissessie.",
        position=4,
    )
    tips.moderators.add(editor)
    if department:
        team.moderators.add(activator)

    welcome = _thread(programme, master, "Welkom in onze eigen community!", ago(days=12))
    _post(
        welcome,
        master,
        "Welkom! Hier delen we **tips**, stellen we vragen en bespreken we kennissessies na. "
        "Lees de [spelregels](https://www.example.com/spelregels) en stel je gerust even voor.",
        ago(days=12),
    )
    _post(welcome, creator, "Leuk! Ik ben Carla, ik deel graag foto's van de werkvloer.", ago(days=11))
    _post(welcome, english, "Hi all, Emma here. Happy to join, I'll post in English now and then.", ago(days=11))

    question = _thread(tips, ambassador, "Hoe voeg ik een banner toe aan mijn profiel?", ago(days=6), question=True)
    asked = _post(
        question,
        ambassador,
        "Ik vind de optie voor een achtergrondfoto niet in de app. Wie weet hoe het moet?",
        ago(days=6),
    )
    answer = _post(
        question,
        creator,
        "In de app: tik op je profiel, dan op het potloodje rechtsboven de achtergrond. "
        "Onze banners staan op https://www.example.com/huisstijl",
        ago(days=5),
        reply_to=asked,
    )
    _post(question, ambassador, "Gelukt, dank je! @creator", ago(days=5), reply_to=answer)
    community_services.accept_answer(member=ambassador, post=answer)

    headline = _thread(tips, english, "What makes a good LinkedIn headline?", ago(days=4), question=True)
    _post(headline, english, "Job title only, or also what you do for clients? Curious what works here.", ago(days=4))
    _post(
        headline,
        editor,
        "Both: *what you do* and *for whom*. Example: Wijkverpleegkundige | zorg thuis in Utrecht.",
        ago(days=3),
    )

    tip = _thread(tips, creator, "Tip: schrijf in de ik-vorm", ago(days=3))
    _post(tip, creator, "Posts in de ik-vorm krijgen bij ons twee keer zoveel reacties. Probeer het eens!", ago(days=3))

    if department:
        team_thread = _thread(team, activator, "Wie gaat er mee naar de vakbeurs?", ago(days=2))
        _post(team_thread, activator, "We zoeken nog twee collega's voor de stand. Wie maakt er foto's?", ago(days=2))

    recap = _thread(follow_up, master, "Huiswerk na de kennissessie", ago(days=1))
    _post(
        recap,
        master,
        "Dank voor jullie komst! Huiswerk:\n\n1. Profielfoto bijwerken\n2. Eén verhaal delen deze week",
        ago(days=1),
    )
    reported = _post(
        recap,
        others[0],
        "Wie wil mijn cursus kopen? Stuur me een bericht voor korting https://www.example.net/cursus",
        ago(hours=20),
    )
    community_services.report_post(member=creator, post=reported, reason="Reclame voor een eigen cursus")

    spammer, _ = Member.objects.get_or_create(
        email="nieuw.lid@example.com",
        defaults={"first_name": "Nieuw", "last_name": "Lid", "role": Role.AMBASSADOR},
    )
    community_services.create_post(
        member=spammer,
        thread=welcome,
        body="Lening nodig? Snelle lening zonder BKR toetsing, binnen 24 uur geld op je rekening. App ons!",
    )
    community_services.create_post(
        member=spammer,
        thread=question,
        body="Need a loan fast? Money in your account today without credit check, contact us on WhatsApp.",
    )
