"""Factories for the community: spaces, threads, posts, reports. They build rows directly
(no spam checks, points or notifications), as a test's starting point; tests that need the
defences post through ``community.services``."""

import factory
from django.utils import timezone

from community import sanitise
from community.models import Post, PostStatus, Report, Space, Thread
from tests.factories import MemberFactory


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    name = factory.Sequence(lambda n: f"Ruimte {n}")
    name_en = factory.Sequence(lambda n: f"Space {n}")
    slug = factory.Sequence(lambda n: f"space-{n}")


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Onderwerp {n}")
    author = factory.SubFactory(MemberFactory)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(MemberFactory)
    body = factory.Sequence(lambda n: f"Een gewoon bericht nummer {n}")
    html = factory.LazyAttribute(lambda o: sanitise.render(o.body))
    fingerprint = factory.LazyAttribute(lambda o: sanitise.fingerprint(o.body))
    status = PostStatus.PUBLISHED
    created_at = factory.LazyFunction(timezone.now)


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    post = factory.SubFactory(PostFactory)
    reporter = factory.SubFactory(MemberFactory)
    reason = "Spam"


def trusted(member, space=None, count: int = 2):
    """Give ``member`` enough published posts to be past the new-member hold."""
    thread = ThreadFactory(space=space or SpaceFactory(), author=member)
    PostFactory.create_batch(count, thread=thread, author=member)
    return member
