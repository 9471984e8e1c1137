"""Demo challenges and stories: an open challenge, a judged one with a winner, approved
stories in the ambassadors' feed, shares with a few clicks, and stories waiting for the
Sales editor, among them the demo creator's (the demo editor is also the editor for all
departments, and the creator's department has none). Goes through the services, so points, logs and notifications are real.
Idempotent: runs once per database (the first challenge's title marks it)."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from challenges import services
from challenges.models import Challenge
from people.models import Member, Role

OPEN_TITLE = "Deel een succesmoment van deze week"
JUDGED_TITLE = "Onze mensen op de vakbeurs"
WAITING_TITLE = "Een blije klant aan de lijn"
BROWSER = "Mozilla/5.0 (demo) AppleWebKit/537.36 Chrome/120 Safari/537.36"

STORIES = [
    (
        "Nieuwe klant binnen!",
        "Vandaag tekenden we met een nieuwe zorgpartner. Trots op het team dat dit mogelijk maakte.",
    ),
    (
        "Koffie met de klantenservice",
        "Elke vrijdag delen we de mooiste klantverhalen van de week. Deze week: een dankbrief!",
    ),
    ("Onze stand staat", "De stand op de vakbeurs is klaar. Kom je langs? Stand 42, hal 3."),
    ("Welkom nieuwe collega's", "Vijf nieuwe collega's begonnen deze week. Welkom bij het team!"),
]


def _photo(colour, label) -> SimpleUploadedFile:
    image = Image.new("RGB", (1200, 630), colour)
    ImageDraw.Draw(image).text((60, 280), label, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return SimpleUploadedFile("demo.jpg", out.getvalue(), content_type="image/jpeg")


def seed(members: list[Member]) -> None:
    # The demo editor also covers departments without an editor of their own, such as the
    # demo creator's (Klantenservice): nothing the creator sends waits unseen.
    Member.objects.filter(email="editor@example.com").update(editor_for_all_departments=True)
    if Challenge.objects.filter(title=OPEN_TITLE).exists():
        return
    master = Member.objects.get(email="master@example.com")
    editor = Member.objects.get(email="editor@example.com")  # for all departments (above)
    creators = [Member.objects.get(email="creator@example.com")] + [
        m for m in members if m.role == Role.CREATOR and m.email != "creator@example.com"
    ][:3]
    now = timezone.now()

    judged = services.create_challenge(
        by=master,
        title=JUDGED_TITLE,
        brief="<p>Laat zien hoe onze collega's de vakbeurs beleven: een foto en een paar zinnen.</p>",
        example="Onze stand is klaar voor de eerste bezoekers! #vakbeurs",
        kind="photo",
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=1),
        winner_bonus=50,
        entries_per_member=2,
    )
    judged = services.schedule_challenge(by=master, challenge=judged)
    open_challenge = services.create_challenge(
        by=master,
        title=OPEN_TITLE,
        brief="<p>Een tevreden klant, een nieuwe collega, een mijlpaal: deel een moment waar je trots op bent.</p>",
        example="Vandaag vierden we ons 1000e tevreden gesprek!",
        kind="story",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=6),
        open_to_all_members=True,
    )
    open_challenge = services.schedule_challenge(by=master, challenge=open_challenge)

    colours = [(30, 90, 160), (200, 80, 40), (40, 140, 90), (120, 60, 150)]
    approved = []
    for n, (creator, (title, text)) in enumerate(zip(creators, STORIES, strict=False)):
        challenge = judged if n < 2 else None
        story = services.submit_story(
            member=creator,
            title=title,
            text=text,
            images=[_photo(colours[n % len(colours)], title)],
            challenge=challenge,
            photo_consent=True,
        )
        approved.append(services.review_story(editor=master, story=story, decision="approve"))

    ambassadors = [m for m in members if m.role == Role.AMBASSADOR][:8]
    for n, member in enumerate(ambassadors):
        story = approved[n % len(approved)]
        link, _share, _created = services.share_story(member=member, story=story, network="linkedin")
        for visitor in range(n % 4):
            services.record_click(link=link, ip=f"198.51.100.{n * 10 + visitor}", user_agent=BROWSER)
    services.close_challenge(by=master, challenge=judged)

    # Stories waiting for the Sales editor (members may enter the open challenge).
    colleagues = [m for m in members if m.department_id == editor.department_id and m.pk != editor.pk]
    for member in colleagues[:2]:
        services.submit_story(
            member=member,
            title="Klantbezoek in Rotterdam",
            text="Mooi gesprek gehad over onze nieuwe dienst. Mag dit gedeeld worden?",
            challenge=open_challenge,
        )

    # The demo creator's own story waiting for review: their department has no editor, so
    # it goes to the Masters and the demo editor (for all departments).
    services.submit_story(
        member=creators[0],
        title=WAITING_TITLE,
        text="Vanochtend hielp ons team een klant die al drie keer had gebeld. Zij stuurde ons deze foto.",
        images=[_photo((20, 110, 130), WAITING_TITLE)],
        photo_consent=True,
    )
