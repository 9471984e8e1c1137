"""Factories for challenges, stories and their images, tracked links and shares.

They build rows directly (no notifications, no points), as a test's starting point. Where a
test needs what a service does on the way (an approval's points and decision log), it says
so: ``StoryFactory(approved_by=editor)`` approves through ``review_story``."""

import datetime

import factory
from django.utils import timezone

from challenges.models import (
    Challenge,
    ChallengeKind,
    ChallengeState,
    Conversion,
    Share,
    ShareClick,
    ShareLink,
    Story,
    StoryImage,
    StoryStatus,
)
from challenges.services.review import review_story
from people.models import Role
from tests.factories import MemberFactory


def _in(**delta):
    return lambda: timezone.now() + datetime.timedelta(**delta)


class ChallengeFactory(factory.django.DjangoModelFactory):
    """An open challenge for everyone, open since an hour and for another week.
    ``draft=True`` / ``scheduled=True`` for one that has not opened; ``departments``,
    ``locations`` (lists) and ``role_list`` for its audience."""

    class Meta:
        model = Challenge
        skip_postgeneration_save = True

    class Params:
        role_list = ()
        draft = factory.Trait(state=ChallengeState.DRAFT, opened_at=None)
        scheduled = factory.Trait(
            state=ChallengeState.SCHEDULED, opened_at=None, opens_at=factory.LazyFunction(_in(hours=1))
        )

    title = factory.Sequence(lambda n: f"Share a success moment {n}")
    kind = ChallengeKind.STORY
    opens_at = factory.LazyFunction(_in(hours=-1))
    closes_at = factory.LazyFunction(_in(days=7))
    state = ChallengeState.OPEN
    opened_at = factory.SelfAttribute("opens_at")
    roles = factory.LazyAttribute(lambda o: f",{','.join(sorted(o.role_list))}," if o.role_list else "")

    @factory.post_generation
    def departments(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.departments.set(extracted)

    @factory.post_generation
    def locations(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.locations.set(extracted)


class StoryFactory(factory.django.DjangoModelFactory):
    """A submitted story by a new Creator, in their department and language.

    ``approved=True``: an approved row (no points, no decision logged).
    ``approved_by=editor``: approved through the editor's review, as in production
    (``approved_by__text=…`` and the other ``review_story`` arguments pass through).
    ``images=2``: that many stored images."""

    class Meta:
        model = Story
        skip_postgeneration_save = True

    class Params:
        approved = factory.Trait(
            status=StoryStatus.APPROVED,
            approved_at=factory.LazyFunction(timezone.now),
            caption=factory.LazyAttribute(lambda o: o.text[:1000]),
        )

    creator = factory.SubFactory(MemberFactory, role=Role.CREATOR)
    challenge = None
    department = factory.LazyAttribute(lambda o: o.creator.department)
    language = factory.LazyAttribute(lambda o: o.creator.language)
    title = ""
    text = "We won a new client!"
    original_text = factory.SelfAttribute("text")
    caption = ""
    status = StoryStatus.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def images(obj, create, extracted, **kwargs):
        if create:
            for position in range(extracted or 0):
                StoryImageFactory(story=obj, position=position)

    @factory.post_generation
    def approved_by(obj, create, extracted, **kwargs):
        if create and extracted is not None:
            review_story(editor=extracted, story=obj, decision="approve", **kwargs)
            obj.refresh_from_db()


class StoryImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoryImage

    story = factory.SubFactory(StoryFactory)
    image = factory.django.ImageField(width=40, height=30, color="red", format="PNG", filename="photo.png")
    position = 0


class ShareLinkFactory(factory.django.DjangoModelFactory):
    """A member's tracked link for an approved story."""

    class Meta:
        model = ShareLink
        django_get_or_create = ["member", "story"]

    member = factory.SubFactory(MemberFactory)
    story = factory.SubFactory(StoryFactory, approved=True)


class ShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Share

    member = factory.SubFactory(MemberFactory)
    story = factory.SubFactory(StoryFactory, approved=True)
    network = "linkedin"


class ConversionFactory(factory.django.DjangoModelFactory):
    """A conversion a site reported on a tracked link (story and department copied as the
    service copies them)."""

    class Meta:
        model = Conversion

    link = factory.SubFactory(ShareLinkFactory)
    story = factory.LazyAttribute(lambda o: o.link.story)
    department = factory.LazyAttribute(lambda o: o.link.member.department)
    wave = factory.LazyAttribute(lambda o: o.link.member.wave)
    kind = "application"
    value = None
    occurred_at = factory.LazyFunction(timezone.now)
    external_id = factory.Sequence(lambda n: f"ext-{n}")
    fingerprint = "test"


class ShareClickFactory(factory.django.DjangoModelFactory):
    """One unique visitor on a tracked link on a day."""

    class Meta:
        model = ShareClick

    link = factory.SubFactory(ShareLinkFactory)
    day = factory.LazyFunction(timezone.localdate)
    visitor_hash = factory.Sequence(lambda n: f"visitor-{n}")
