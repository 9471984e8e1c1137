import pytest

from community import policies, selectors, services
from community.models import ModerationDecision, Post, PostStatus, Thread
from community.services.guard import RateLimited
from core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from gamification.models import PointsEntry
from people.models import Notification, Role
from tests.community.factories import PostFactory, SpaceFactory, ThreadFactory, trusted
from tests.factories import DepartmentFactory, MemberFactory

pytestmark = pytest.mark.django_db

LOAN_SPAM = "Lening nodig? Snelle lening zonder BKR toetsing, geld binnen 24 uur. Bel of app ons nu!"


@pytest.fixture
def space(db):
    return SpaceFactory()


def test_a_new_members_first_post_waits_and_is_invisible_to_others(space):
    newbie, other = MemberFactory(), MemberFactory()
    thread, post = services.create_thread(member=newbie, space=space, title="Hoi", body="Mijn eerste bericht")
    assert post.status == PostStatus.PENDING and post.held_reason == "new_member"
    assert list(selectors.posts_in(thread=thread, member=newbie)) == [post]
    assert list(selectors.posts_in(thread=thread, member=other)) == []


def test_a_trusted_members_post_is_published_and_earns_points_once(space):
    author = trusted(MemberFactory(), space)
    thread, post = services.create_thread(member=author, space=space, title="Tip", body="Zet een banner op je profiel")
    assert post.status == PostStatus.PUBLISHED
    assert PointsEntry.objects.filter(member=author, action="community_post").count() == 1


def test_loan_spam_is_held_by_the_spam_score_then_approved_becomes_visible(space):
    spammer, other = trusted(MemberFactory(), space), MemberFactory()
    moderator = MemberFactory(role=Role.MASTER)
    thread = ThreadFactory(space=space)
    post = services.create_post(member=spammer, thread=thread, body=LOAN_SPAM)
    assert post.status == PostStatus.PENDING and post.held_reason == "spam_score"
    assert post not in selectors.posts_in(thread=thread, member=other)
    assert post in selectors.moderation_queue(member=moderator)

    services.moderate_post(moderator=moderator, post=post, action="approve", reason="Toch een echte vraag")
    assert post in selectors.posts_in(thread=thread, member=other)
    decision = ModerationDecision.objects.get(post=post)
    assert (decision.moderator, decision.reason) == (moderator, "Toch een echte vraag")
    assert Notification.objects.filter(member=spammer, kind="community_moderation").exists()
    with pytest.raises(Conflict):
        services.moderate_post(moderator=moderator, post=post, action="approve")


def test_posts_with_several_links_wait(space):
    author = trusted(MemberFactory(), space)
    body = "Kijk https://a.example.com en https://b.example.com en https://c.example.com"
    post = services.create_post(member=author, thread=ThreadFactory(space=space), body=body)
    assert post.held_reason == "links"


def test_a_member_with_open_reports_waits(space):
    author = trusted(MemberFactory(), space)
    reported = PostFactory(author=author, thread=ThreadFactory(space=space))
    services.report_post(member=MemberFactory(), post=reported, reason="Ongepast")
    post = services.create_post(member=author, thread=reported.thread, body="Nog een bericht")
    assert post.held_reason == "reported_author"


def test_honeypot_duplicates_and_rate_limit(space, settings):
    settings.COMMUNITY_RATE_LIMIT = 2
    author = trusted(MemberFactory(), space)
    thread = ThreadFactory(space=space)
    with pytest.raises(InvalidInput) as exc:
        services.create_post(member=author, thread=thread, body="Hallo", honeypot="http://spam")
    assert exc.value.code == "honeypot"
    services.create_post(member=author, thread=thread, body="Hallo allemaal")
    with pytest.raises(Conflict) as exc:
        services.create_post(member=author, thread=thread, body="hallo   ALLEMAAL")
    assert exc.value.code == "duplicate_post"
    services.create_post(member=author, thread=thread, body="Tweede")
    with pytest.raises(RateLimited):
        services.create_post(member=author, thread=thread, body="Derde")
    assert Post.objects.filter(thread=thread).count() == 2


def test_department_space_is_closed_to_other_departments():
    sales, hr = DepartmentFactory(name="Sales"), DepartmentFactory(name="HR")
    space = SpaceFactory(read_audience="department", department=sales)
    insider, outsider = MemberFactory(department=sales), MemberFactory(department=hr)
    assert policies.can_read_space(insider, space)
    assert not policies.can_read_space(outsider, space)
    assert space not in selectors.spaces_for(member=outsider)
    with pytest.raises(NotFound):
        services.create_thread(member=outsider, space=space, title="x", body="y")


def test_post_role_and_locked_threads(space):
    space.post_role = Role.CREATOR
    space.save()
    ambassador = MemberFactory()
    with pytest.raises(NotAllowed) as exc:
        services.create_thread(member=ambassador, space=space, title="x", body="y")
    assert exc.value.code == "post_not_allowed"
    creator = trusted(MemberFactory(role=Role.CREATOR), space)
    master = MemberFactory(role=Role.MASTER)
    thread = ThreadFactory(space=space)
    services.set_thread_lock(moderator=master, thread=thread, locked=True, reason="Klaar")
    with pytest.raises(NotAllowed) as exc:
        services.create_post(member=creator, thread=Thread.objects.get(pk=thread.pk), body="Nog iets")
    assert exc.value.code == "thread_locked"


def test_muted_member_reads_but_cannot_post(space):
    member, master = MemberFactory(), MemberFactory(role=Role.MASTER)
    services.sanction_member(moderator=master, member=member, kind="mute", days=3, reason="Spam", space=space)
    member = type(member).objects.get(pk=member.pk)
    assert policies.can_read_space(member, space)
    with pytest.raises(NotAllowed) as exc:
        services.create_thread(member=member, space=space, title="x", body="y")
    assert exc.value.code == "muted"


def test_only_moderators_moderate(space):
    named = MemberFactory()
    space.moderators.add(named)
    post = PostFactory(thread=ThreadFactory(space=space))
    with pytest.raises(NotAllowed):
        services.moderate_post(moderator=MemberFactory(role=Role.EDITOR), post=post, action="hide")
    services.moderate_post(moderator=named, post=post, action="hide", reason="Off-topic")
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN


def test_reply_notifies_and_accepted_answer_earns_points_once(space):
    asker, answerer = trusted(MemberFactory(), space), trusted(MemberFactory(), space)
    thread, question = services.create_thread(
        member=asker, space=space, title="Hoe?", body="Hoe voeg ik een banner toe?", is_question=True
    )
    answer = services.create_post(member=answerer, thread=thread, body="Via je profiel, potloodje", reply_to=question)
    assert Notification.objects.filter(member=asker, kind="community_reply").count() == 1
    services.accept_answer(member=asker, post=answer)
    services.accept_answer(member=asker, post=answer)
    assert PointsEntry.objects.filter(member=answerer, action="community_answer_accepted").count() == 1
    assert Notification.objects.filter(member=answerer, kind="community_accepted").count() == 1
    with pytest.raises(NotAllowed):
        services.accept_answer(member=answerer, post=answer)


def test_mention_notifies_in_the_members_language(space):
    author = trusted(MemberFactory(), space)
    anna = MemberFactory(email="anna.devries@example.com", language="nl")
    services.create_post(
        member=author, thread=ThreadFactory(space=space, title="Tips"), body="Wat vind jij @anna.devries?"
    )
    notification = Notification.objects.get(member=anna, kind="community_mention")
    assert "noemde je" in notification.title


def test_reactions_once(space):
    post = PostFactory(thread=ThreadFactory(space=space))
    member = MemberFactory()
    _, created = services.react(member=member, post=post, emoji="👍")
    _, again = services.react(member=member, post=post, emoji="👍")
    assert (created, again) == (True, False)
    with pytest.raises(InvalidInput):
        services.react(member=member, post=post, emoji="🐍")
