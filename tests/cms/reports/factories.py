"""Report test data: a hand-built organisation whose figures the tests know by heart."""

import datetime
import uuid

from django.utils import timezone

from challenges.models import Share, ShareClick, ShareLink, Story
from gamification.models import ActivityWeek, PointsEntry
from gamification.services.activity import count_activity
from learning.models import CourseCompletion, LessonCompletion
from people.models import Department, Invitation, Location, Member, Role
from tests.factories import MemberFactory


def days_ago(n):
    # Read the (pinned) clock on each call: a module-level "now" is taken before any test pins it.
    return timezone.now() - datetime.timedelta(days=n)


def points(member, when, n=[0]):  # noqa: B006 - a counter for unique refs
    n[0] += 1
    PointsEntry.objects.create(member=member, action="test", ref=str(n[0]), points=5, occurred_at=when)
    # What record_action adds to the weekly rollup the reports read.
    count_activity(member_id=member.pk, kind=ActivityWeek.LEDGER, action="test", at=when, points=5)


def lesson(member, when):
    LessonCompletion.objects.create(member=member, lesson_key=uuid.uuid4(), course_key=uuid.uuid4(), completed_at=when)
    count_activity(member_id=member.pk, kind="lessons", at=when)


def share(member, story, clicks=0, when=None):
    created = Share.objects.create(member=member, story=story, network="linkedin", created_at=when or days_ago(3))
    count_activity(member_id=member.pk, kind="shares", at=created.created_at)
    link, _ = ShareLink.objects.get_or_create(member=member, story=story)
    for i in range(clicks):
        ShareClick.objects.create(
            link=link, day=timezone.localdate(when or days_ago(3)), visitor_hash=f"v{i}-{uuid.uuid4()}"
        )


def reports_org() -> dict:
    """Sales: 6 members, Support: 5, Legal: 2 (all in Utrecht except two in Delft)."""
    sales, support, legal = (Department.objects.create(name=n) for n in ("Sales", "Support", "Legal"))
    utrecht, delft = Location.objects.create(name="Utrecht"), Location.objects.create(name="Delft")
    people = {
        "sales": [MemberFactory(department=sales, location=utrecht) for _ in range(6)],
        "support": [MemberFactory(department=support, location=utrecht) for _ in range(5)],
        "legal": [MemberFactory(department=legal, location=delft) for _ in range(2)],
    }
    s = people["sales"]
    s[0].role = s[1].role = Role.CREATOR
    people["support"][0].role = Role.MASTER
    for m in (s[0], s[1], people["support"][0]):
        m.save(update_fields=["role"])
    # Active in the last 30 days: 3 in Sales, 1 in Support, 1 in Legal; one only 40 days ago.
    for m in (s[0], s[1], s[2], people["support"][1], people["legal"][0]):
        points(m, days_ago(5))
    points(s[3], days_ago(40))
    # Lessons: 4 in the period (Sales), 1 long before it.
    for m in (s[0], s[0], s[1], s[2]):
        lesson(m, days_ago(10))
    lesson(s[4], days_ago(400))
    CourseCompletion.objects.create(
        member=s[0], course_key=uuid.uuid4(), course_title="C", member_name="x", completed_at=days_ago(9)
    )
    count_activity(member_id=s[0].pk, kind="courses", at=days_ago(9))
    story = Story.objects.create(creator=s[0], title="Our trade fair", status="approved", approved_at=days_ago(8))
    share(s[0], story, clicks=3)
    share(people["support"][1], story, clicks=1)
    # Invitations: 3 open (2 for Sales), 1 accepted.
    for i, dept in enumerate([sales, sales, None]):
        Invitation.objects.create(
            email=f"open{i}@example.com", name="x", department=dept, nonce="n", expires_at=days_ago(-10)
        )
    Invitation.objects.create(
        email=s[5].email,
        name="x",
        department=sales,
        nonce="n",
        expires_at=days_ago(-10),
        accepted_at=days_ago(20),
        member=s[5],
    )
    Member.objects.update(date_joined=days_ago(500))
    people["ids"] = {"sales": sales.pk, "support": support.pk, "legal": legal.pk, "delft": delft.pk}
    return people


def grow(factor: int) -> None:
    """Add ``factor`` times more members and activity, spread over the same groups."""
    depts = list(Department.objects.all())
    locs = list(Location.objects.all())
    story = Story.objects.first()
    for i in range(factor * 13):
        m = MemberFactory(department=depts[i % 3], location=locs[i % 2])
        points(m, days_ago(i % 50))
        lesson(m, days_ago(i % 60))
        if i % 3 == 0:
            share(m, story, clicks=i % 4, when=days_ago(i % 20))
