"""Demo live learning: a kennissessie, a LinkedIn-profile workshop, last month's meetup with
action items and this month's, a webinar from London, and the content calendar with the
Dutch holidays of this year and next (computed from their rules). Goes through the
services, so registrations, check-ins, points and notifications are real. Idempotent:
sessions are made once per database (the overview page marks it), holidays by key."""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from cms.models import HomePage
from events.models import ActionItem, Registration, SessionIndexPage, SessionKind, SessionPage
from events.services import check_in, feedback, meetups, registration
from people.models import Member, Role
from strategy.models import CalendarEntry
from strategy.services import add_dutch_holidays

CALENDAR = [
    (
        "Vakbeurs Zorg & Welzijn",
        "Healthcare trade fair",
        "trade_fair",
        (3, 17),
        (3, 19),
        "Foto's van onze stand en de mensen erachter",
    ),
    (
        "Dag van de Verpleging",
        "International Nurses Day",
        "awareness_day",
        (5, 12),
        None,
        "Een dag uit het leven van een collega",
    ),
    ("Week van de Werkstress", "Work Stress Week", "awareness_day", (11, 16), (11, 20), "Hoe wij voor elkaar zorgen"),
    ("Open dag", "Open day", "company_event", (10, 3), None, "Nodig je netwerk uit"),
    ("Campagne 'Werken bij'", "Careers campaign", "campaign", (9, 1), (9, 30), "Waarom jij hier graag werkt"),
]


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def seed(members: list[Member]) -> None:
    today = timezone.localdate()
    add_dutch_holidays(years=[today.year, today.year + 1])
    for title, title_en, kind, start, end, angle in CALENDAR:
        for year in (today.year, today.year + 1):
            CalendarEntry.objects.get_or_create(
                source_key=f"demo:{kind}:{title}:{year}",
                defaults={
                    "title": title,
                    "title_en": title_en,
                    "kind": kind,
                    "starts_on": datetime.date(year, *start),
                    "ends_on": datetime.date(year, *end) if end else None,
                    "suggested_angle": angle,
                },
            )
    home = HomePage.objects.filter(locale=Locale.objects.get(language_code="nl")).first()
    if home is None:
        return
    if SessionIndexPage.objects.exists():
        translate_session_index()
        return
    index = home.add_child(
        instance=SessionIndexPage(
            title="Sessies",
            slug="sessies",
            intro="<p>Kennissessies, workshops en meetups van het Social Shift-programma.</p>",
        )
    )
    index.save_revision().publish()
    translate_session_index()
    by_email = {m.email: m for m in members}
    master = by_email.get("master@example.com")
    ambassador = by_email.get("ambassador@example.com")
    creator = by_email.get("creator@example.com")
    others = [m for m in members if m.role == Role.AMBASSADOR and m not in (ambassador,)]

    def session(title, kind, start, hours, **fields):
        hosts = fields.pop("hosts", [master])
        page = index.add_child(
            instance=SessionPage(
                title=title,
                slug=fields.pop("slug"),
                kind=kind,
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=hours),
                **fields,
            )
        )
        page.hosts.set([h for h in hosts if h])
        page.save_revision().publish()
        return SessionPage.objects.get(pk=page.pk)

    kennis = session(
        "Kennissessie: waarom Social Shift?",
        SessionKind.KENNISSESSIE,
        _at(7, 15),
        1.5,
        slug="kennissessie-waarom-social-shift",
        summary="Voorlopers van elke afdeling laten zien wat delen over je werk oplevert, met voorbeelden van ons eigen bedrijf.",
        venue="Utrecht, zaal De Dom",
        capacity=30,
        hosts=[master, creator],
        agenda="<ol><li>Waarom medewerkers de beste ambassadeurs zijn</li><li>Voorbeelden uit eigen huis</li><li>Vragen</li></ol>",
    )
    workshop = session(
        "Workshop: je LinkedIn-profiel op orde",
        SessionKind.LINKEDIN_WORKSHOP,
        _at(3, 12),
        1,
        slug="workshop-linkedin-profiel",
        summary="Neem je laptop mee: samen lopen we de checklist door, van profielfoto tot 'Open voor'.",
        online_url="https://meet.example.com/linkedin-workshop",
        capacity=8,
    )
    last_meetup = session(
        "Maandelijkse meetup",
        SessionKind.MEETUP,
        _at(-28, 16),
        1,
        slug="meetup-vorige-maand",
        summary="Verhalen ophalen en afspraken maken.",
        venue="Amsterdam, kantine",
        capacity=20,
    )
    session(
        "Maandelijkse meetup",
        SessionKind.MEETUP,
        _at(2, 16),
        1,
        slug="meetup-deze-maand",
        summary="We bespreken de actiepunten van vorige keer.",
        venue="Amsterdam, kantine",
        capacity=20,
    )
    session(
        "Webinar: storytelling met je telefoon",
        SessionKind.WEBINAR,
        _at(14, 10),
        1,
        slug="webinar-storytelling",
        time_zone="Europe/London",
        summary="Een spreker uit Londen laat zien hoe je met je telefoon een goed verhaal vertelt.",
        online_url="https://meet.example.com/storytelling",
        capacity=100,
    )
    for member in [ambassador, *others[:10]]:
        if member:
            registration.register(member=member, session=kennis)
    for member in [ambassador, *others[10:18]]:  # one more than fits: a waiting list
        if member:
            registration.register(member=member, session=workshop)
    # Last month's meetup: registrations, check-ins, feedback and action items.
    start = last_meetup.starts_at
    SessionPage.objects.filter(pk=last_meetup.pk).update(starts_at=_at(30, 16), ends_at=_at(30, 17))
    last_meetup.refresh_from_db()
    attendees = [m for m in [ambassador, creator, *others[18:24]] if m]
    for member in attendees:
        registration.register(member=member, session=last_meetup)
    SessionPage.objects.filter(pk=last_meetup.pk).update(starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    last_meetup.refresh_from_db()
    registrations = Registration.objects.filter(session=last_meetup).select_related("member")
    for came in list(registrations)[:-2]:  # the last two did not come
        check_in.check_in(session=last_meetup, registration=came, by=master, now=start)
        feedback.give_feedback(session=last_meetup, member=came.member, rating=4 + (came.pk % 2), now=start)
    for owner, what in [
        (ambassador, "Een foto delen van het nieuwe teamoverleg"),
        (creator, "Drie verhalen ophalen bij Klantenservice"),
        (attendees[-1], "LinkedIn-kopregel aanpassen"),
    ]:
        if owner:
            ActionItem.objects.create(
                meetup=last_meetup,
                owner=owner,
                what=what,
                due_on=timezone.localdate() + datetime.timedelta(days=3),
                created_by=master,
            )
    meetups.add_collected_story(
        meetup=last_meetup, by=master, member=creator, summary="Het team van Operations won een innovatieprijs."
    )


def translate_session_index() -> None:
    """The overview in the English tree ("Sessions", /sessions/): it lists and routes to the
    Dutch tree's sessions (``SessionIndexPage.sessions_source``). Once."""
    english = Locale.objects.filter(language_code="en").first()
    index = SessionIndexPage.objects.filter(locale__language_code="nl").first()
    if english is None or index is None or index.get_translation_or_none(english) is not None:
        return
    if HomePage.objects.filter(locale=english).first() is None:
        return
    index_en = index.copy_for_translation(english)
    index_en.title, index_en.slug = "Sessions", "sessions"
    index_en.intro = "<p>Knowledge sessions, workshops and meetups of the Social Shift programme.</p>"
    index_en.save_revision().publish()
