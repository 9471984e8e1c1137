"""Challenges' state machine, audience, winners; stories' review flow; points once."""

import datetime

import pytest
from django.utils import timezone

from challenges import services
from challenges.models import Challenge, ChallengeState, ReviewDecision, StoryStatus
from gamification.models import BadgeAward, BadgeClass, PointsEntry
from people.models import Notification, Role
from tests.factories import DepartmentFactory, LocationFactory, MemberFactory

from .conftest import approved_story, make_challenge

pytestmark = pytest.mark.django_db


def points(member, action=None):
    qs = PointsEntry.objects.filter(member=member)
    if action:
        qs = qs.filter(action=action)
    return sum(qs.values_list("points", flat=True))


# --- launching ------------------------------------------------------------------------


def test_create_challenge_returns_a_draft(master):
    now = timezone.now()
    challenge = services.create_challenge(
        by=master, title="Trade fair", kind="photo", opens_at=now, closes_at=now + datetime.timedelta(days=3)
    )
    assert challenge.state == ChallengeState.DRAFT
    assert challenge.created_by == master


@pytest.mark.parametrize("role", [Role.AMBASSADOR, Role.CREATOR, Role.EDITOR])
def test_only_masters_and_activators_launch(role, department):
    member = MemberFactory(role=role, department=department)
    now = timezone.now()
    with pytest.raises(services.NotAllowed):
        services.create_challenge(
            by=member, title="x", kind="story", opens_at=now, closes_at=now + datetime.timedelta(days=1)
        )


def test_an_activator_launches_for_their_own_department_only(department, other_department):
    activator = MemberFactory(role=Role.ACTIVATOR, department=department)
    now = timezone.now()
    challenge = services.create_challenge(
        by=activator,
        title="Our team",
        kind="story",
        opens_at=now,
        closes_at=now + datetime.timedelta(days=1),
        audience="everyone",
        departments=[other_department],
    )
    assert challenge.department == department
    assert challenge.audience == "departments"
    assert list(challenge.departments.all()) == [department]
    other = make_challenge(MemberFactory(role=Role.MASTER), state="draft")
    with pytest.raises(services.NotAllowed):
        services.schedule_challenge(by=activator, challenge=other)


@pytest.mark.clock
def test_closing_must_be_after_opening(master):
    now = timezone.now()
    with pytest.raises(services.InvalidInput):
        services.create_challenge(by=master, title="x", kind="story", opens_at=now, closes_at=now)


# --- state machine --------------------------------------------------------------------


def test_state_machine_and_invalid_transitions(master):
    now = timezone.now()
    challenge = make_challenge(master, state="draft", opens_at=now + datetime.timedelta(days=1))
    with pytest.raises(services.InvalidTransition):
        services.close_challenge(by=master, challenge=challenge)
    with pytest.raises(services.InvalidTransition):
        services.open_challenge(by=master, challenge=challenge)
    challenge = services.schedule_challenge(by=master, challenge=challenge)
    assert challenge.state == ChallengeState.SCHEDULED
    with pytest.raises(services.InvalidTransition):
        services.schedule_challenge(by=master, challenge=challenge)
    challenge = services.open_challenge(by=master, challenge=challenge)
    assert challenge.state == ChallengeState.OPEN
    with pytest.raises(services.InvalidTransition):
        services.update_challenge(by=master, challenge=challenge, title="Changed")
    challenge = services.close_challenge(by=master, challenge=challenge)
    assert challenge.state == ChallengeState.JUDGED  # most points: judged at once
    with pytest.raises(services.InvalidTransition):
        services.close_challenge(by=master, challenge=challenge)


@pytest.mark.clock
def test_celery_opens_and_closes_on_time(master):
    now = timezone.now()
    challenge = make_challenge(
        master,
        state="scheduled",
        opens_at=now + datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(hours=2),
    )
    assert challenge.state == ChallengeState.SCHEDULED
    assert services.open_and_close_due(now=now) == (0, 0)
    assert services.open_and_close_due(now=now + datetime.timedelta(minutes=61)) == (1, 0)
    assert Challenge.objects.get(pk=challenge.pk).state == ChallengeState.OPEN
    assert services.open_and_close_due(now=now + datetime.timedelta(minutes=121)) == (0, 1)
    assert Challenge.objects.get(pk=challenge.pk).state == ChallengeState.JUDGED
    # Running again changes nothing.
    assert services.open_and_close_due(now=now + datetime.timedelta(minutes=122)) == (0, 0)


def test_the_task_runs_the_service():
    from challenges import tasks

    assert tasks.open_and_close_challenges.delay().get() == [0, 0]


# --- audience -------------------------------------------------------------------------


def test_members_see_open_challenges_for_their_audience_only(master, department, other_department):
    from challenges import selectors

    location = LocationFactory(name="Utrecht")
    sales = MemberFactory(department=department, location=location)
    finance = MemberFactory(department=other_department, in_pilot=True)
    creator = MemberFactory(role=Role.CREATOR, department=other_department)
    everyone = make_challenge(master, title="Everyone")
    for_sales = make_challenge(master, title="Sales", audience="departments", departments=[department])
    for_utrecht = make_challenge(master, title="Utrecht", audience="locations", locations=[location])
    pilot = make_challenge(master, title="Pilot", audience="pilot")
    for_creators = make_challenge(master, title="Creators", audience="roles", roles=["creator"])
    make_challenge(master, title="Draft", state="draft")

    def titles(member):
        return {c.title for c in selectors.open_challenges(member=member)}

    assert titles(sales) == {"Everyone", "Sales", "Utrecht"}
    assert titles(finance) == {"Everyone", "Pilot"}
    assert titles(creator) == {"Everyone", "Creators"}
    for challenge, member, expected in [
        (everyone, finance, True),
        (for_sales, finance, False),
        (for_utrecht, sales, True),
        (pilot, sales, False),
        (for_creators, creator, True),
    ]:
        assert services.in_audience(member, challenge) is expected
    assert "Draft" in {c.title for c in selectors.visible_challenges(member=master)}
    assert "Draft" not in {c.title for c in selectors.visible_challenges(member=sales)}


# --- stories and review ---------------------------------------------------------------


def test_ambassadors_submit_only_where_a_challenge_allows_it(master, ambassador):
    with pytest.raises(services.NotAllowed):
        services.submit_story(member=ambassador, text="A moment")
    closed = make_challenge(master)
    with pytest.raises(services.NotAllowed):
        services.submit_story(member=ambassador, text="A moment", challenge=closed)
    allowing = make_challenge(master, title="All", open_to_all_members=True)
    story = services.submit_story(member=ambassador, text="A moment", challenge=allowing)
    assert story.status == StoryStatus.SUBMITTED


def test_empty_submission_is_refused(creator):
    with pytest.raises(services.InvalidInput):
        services.submit_story(member=creator, text="   ")


def test_entries_per_member(master, creator):
    challenge = make_challenge(master, entries_per_member=1)
    services.submit_story(member=creator, text="One", challenge=challenge)
    with pytest.raises(services.InvalidTransition):
        services.submit_story(member=creator, text="Two", challenge=challenge)


def test_photo_challenge_needs_a_photo(master, creator):
    challenge = make_challenge(master, kind="photo")
    with pytest.raises(services.InvalidInput):
        services.submit_story(member=creator, text="No photo", challenge=challenge)


def test_approve_awards_once_and_logs(master, creator, editor):
    challenge = make_challenge(master, points_per_entry=15)
    story = services.submit_story(member=creator, text="Story", challenge=challenge)
    services.review_story(editor=editor, story=story, decision="approve")
    services.review_story(editor=editor, story=story, decision="approve")  # double click
    assert points(creator, "story_approved") == 10
    assert points(creator, f"challenge-{challenge.pk}-entry") == 15
    assert ReviewDecision.objects.filter(story=story).count() == 1
    assert Notification.objects.filter(member=creator, kind="story_approve").count() == 1
    with pytest.raises(services.InvalidTransition):
        services.review_story(editor=editor, story=story, decision="reject", feedback="No")


def test_edit_and_approve_keeps_the_original(creator, editor):
    story = services.submit_story(member=creator, text="We has won")
    story = services.review_story(editor=editor, story=story, decision="approve", text="We have won")
    assert story.original_text == "We has won"
    assert story.text == "We have won"
    assert story.was_edited
    assert ReviewDecision.objects.get(story=story).edited


def test_request_changes_then_resubmit_returns_to_the_queue(creator, editor):
    from challenges import selectors

    story = services.submit_story(member=creator, text="Draft")
    with pytest.raises(services.InvalidInput):
        services.review_story(editor=editor, story=story, decision="request_changes")
    services.review_story(editor=editor, story=story, decision="request_changes", feedback="Add a photo")
    assert list(selectors.review_queue(editor=editor)) == []
    assert points(creator) == 0  # proposing pays only once approved
    story = services.resubmit_story(member=creator, story=story, text="Better")
    assert list(selectors.review_queue(editor=editor)) == [story]
    services.review_story(editor=editor, story=story, decision="reject", feedback="Not on brand")
    decisions = list(ReviewDecision.objects.filter(story=story).values_list("decision", flat=True))
    assert decisions == ["reject", "request_changes"]


def test_editors_review_only_their_department(creator, other_department):
    other_editor = MemberFactory(role=Role.EDITOR, department=other_department)
    story = services.submit_story(member=creator, text="Story")
    with pytest.raises(services.NotAllowed):
        services.review_story(editor=other_editor, story=story, decision="approve")
    with pytest.raises(services.NotAllowed):
        services.review_story(editor=MemberFactory(department=creator.department), story=story, decision="approve")


def test_review_queue_oldest_first(creator, editor, department):
    from challenges import selectors

    second_creator = MemberFactory(role=Role.CREATOR, department=department)
    first = services.submit_story(member=creator, text="First")
    second = services.submit_story(member=second_creator, text="Second")
    elsewhere = services.submit_story(member=MemberFactory(role=Role.CREATOR, department=DepartmentFactory()), text="x")
    assert list(selectors.review_queue(editor=editor)) == [first, second]
    assert elsewhere in selectors.review_queue(editor=MemberFactory(role=Role.MASTER))
    assert selectors.review_queue_count(editor=editor) == 2
    told = Notification.objects.filter(member=editor, kind="story_submitted")
    assert told.count() == 2 and told.filter(email_due_at__isnull=True).count() == 2


def test_compliments(master, creator, editor, ambassador):
    story = approved_story(creator, editor)
    with pytest.raises(services.NotAllowed):
        services.give_compliment(by=ambassador, story=story)
    _c, created = services.give_compliment(by=master, story=story, message="Great!")
    _c, again = services.give_compliment(by=master, story=story, message="Great!")
    assert (created, again) == (True, False)
    assert Notification.objects.filter(member=creator, kind="story_compliment").count() == 1


# --- winners --------------------------------------------------------------------------


def test_ties_are_stated_and_winners_rewarded_once(master, department, editor):
    badge = BadgeClass.objects.create(slug="winner", name="Winnaar", description="x", criterion="manual")
    challenge = make_challenge(master, winner_bonus=40, badge=badge, entries_per_member=2)
    a = MemberFactory(role=Role.CREATOR, department=department, display_name="A")
    b = MemberFactory(role=Role.CREATOR, department=department, display_name="B")
    c = MemberFactory(role=Role.CREATOR, department=department, display_name="C")
    for member in (a, b):
        approved_story(member, editor, challenge=challenge)
    services.submit_story(member=c, text="waiting", challenge=challenge)
    challenge = services.close_challenge(by=master, challenge=challenge)
    assert challenge.state == ChallengeState.JUDGED
    assert {w["name"] for w in challenge.winners} == {"A", "B"}
    assert [row["rank"] for row in challenge.standings] == [1, 1]
    for member in (a, b):
        assert points(member, "challenge_won") == 50
        assert points(member, f"challenge-{challenge.pk}-bonus") == 40
        assert BadgeAward.objects.filter(member=member, badge=badge).count() == 1
        assert Notification.objects.get(member=member, kind="challenge_won").body.startswith(
            "Congratulations: you share"
        )
    assert Notification.objects.filter(member=c, kind="challenge_results").count() == 1
    with pytest.raises(services.InvalidTransition):
        services.close_challenge(by=master, challenge=challenge)
    assert PointsEntry.objects.filter(action="challenge_won").count() == 2


def test_judged_challenge_waits_for_the_master(master, creator, editor):
    challenge = make_challenge(master, winner_rule="judged")
    approved_story(creator, editor, challenge=challenge)
    challenge = services.close_challenge(by=master, challenge=challenge)
    assert challenge.state == ChallengeState.CLOSED
    assert Notification.objects.filter(member=master, kind="challenge_judge").exists()
    with pytest.raises(services.InvalidInput):
        services.judge_challenge(by=master, challenge=challenge, winner_ids=[master.pk])
    challenge = services.judge_challenge(by=master, challenge=challenge, winner_ids=[creator.pk])
    assert challenge.state == ChallengeState.JUDGED
    assert points(creator, "challenge_won") == 50
    with pytest.raises(services.InvalidTransition):
        services.judge_challenge(by=master, challenge=challenge, winner_ids=[creator.pk])


def test_team_challenge_departments_compete(master, department, other_department, editor):
    challenge = make_challenge(master, participation="team")
    sales = [MemberFactory(role=Role.CREATOR, department=department) for _ in range(2)]
    finance_editor = MemberFactory(role=Role.EDITOR, department=other_department)
    finance = MemberFactory(role=Role.CREATOR, department=other_department)
    for member in sales:
        approved_story(member, editor, challenge=challenge)
    approved_story(finance, finance_editor, challenge=challenge)
    challenge = services.close_challenge(by=master, challenge=challenge)
    assert [w["name"] for w in challenge.winners] == ["Sales"]
    for member in sales:
        assert points(member, "challenge_won") == 50
    assert points(finance, "challenge_won") == 0


# --- sharing --------------------------------------------------------------------------


def test_share_points_once_per_network(creator, editor, ambassador):
    story = approved_story(creator, editor)
    link, _share, created = services.share_story(member=ambassador, story=story, network="linkedin")
    link2, _share, again = services.share_story(member=ambassador, story=story, network="linkedin")
    services.share_story(member=ambassador, story=story, network="x")
    assert (created, again) == (True, False)
    assert link == link2
    assert points(ambassador, "story_shared") == 10


def test_share_refused_for_unapproved_or_unknown_network(creator, editor, ambassador):
    story = services.submit_story(member=creator, text="Pending")
    with pytest.raises(services.NotFound):
        services.share_story(member=ambassador, story=story, network="linkedin")
    story = services.review_story(editor=editor, story=story, decision="approve")
    with pytest.raises(services.InvalidInput):
        services.share_story(member=ambassador, story=story, network="myspace")


def test_caption_fixed_or_free_and_disclosure(creator, editor):
    from challenges.models import SharingSettings

    story = services.submit_story(member=creator, text="Text")
    story = services.review_story(editor=editor, story=story, decision="approve", caption="Suggested")
    assert services.caption_for(story=story, caption="Mine") == "Mine"
    settings_ = SharingSettings.load()
    settings_.disclosure_line = "I work at Acme."
    settings_.save()
    assert services.caption_for(story=story) == "Suggested\n\nI work at Acme."
    story.caption_fixed = True
    assert services.caption_for(story=story, caption="Mine") == "Suggested\n\nI work at Acme."


def test_share_payload_has_utm_tags_and_network_dialog(master, creator, editor, ambassador):
    challenge = make_challenge(master)
    story = approved_story(creator, editor, challenge=challenge)
    link, _s, _c = services.share_story(member=ambassador, story=story, network="linkedin")
    payload = services.share_payload(link=link, network="linkedin")
    assert payload["tracking_url"].startswith(f"http://testserver/s/{link.code}?")
    assert "utm_source=linkedin" in payload["tracking_url"]
    assert f"utm_campaign=challenge-{challenge.pk}" in payload["tracking_url"]
    assert payload["share_url"].startswith("https://www.linkedin.com/sharing/share-offsite/?url=http")


BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"


def test_click_rules(creator, editor, ambassador):
    story = approved_story(creator, editor)
    link = services.share_link_for(member=ambassador, story=story)
    now = timezone.now()
    assert services.record_click(link=link, ip="10.0.0.1", user_agent=BROWSER, now=now)
    assert not services.record_click(link=link, ip="10.0.0.1", user_agent=BROWSER, now=now)  # same visitor, same day
    assert services.record_click(link=link, ip="10.0.0.2", user_agent=BROWSER, now=now)
    assert not services.record_click(link=link, ip="10.0.0.3", user_agent="LinkedInBot/1.0", now=now)
    assert not services.record_click(link=link, ip="10.0.0.4", user_agent="", now=now)
    assert not services.record_click(link=link, ip="10.0.0.5", user_agent=BROWSER, viewer=ambassador, now=now)
    tomorrow = now + datetime.timedelta(days=1)
    assert services.record_click(link=link, ip="10.0.0.1", user_agent=BROWSER, now=tomorrow)
    assert points(ambassador, "share_click") == 3
    assert link.clicks.count() == 3
    hashes = set(link.clicks.values_list("visitor_hash", flat=True))
    assert len(hashes) == 3 and not any("10.0.0" in h for h in hashes)


@pytest.mark.clock
def test_click_points_are_capped_per_day(creator, editor, ambassador):
    story = approved_story(creator, editor)
    link = services.share_link_for(member=ambassador, story=story)
    now = timezone.now()
    for n in range(25):
        services.record_click(link=link, ip=f"10.1.0.{n}", user_agent=BROWSER, now=now)
    assert link.clicks.count() == 25
    assert points(ambassador, "share_click") == 20  # the rule's daily cap


@pytest.mark.clock
def test_old_clicks_are_deleted_after_retention(creator, editor, ambassador):
    from challenges import tasks
    from challenges.models import ShareClick, SharingSettings

    story = approved_story(creator, editor)
    link = services.share_link_for(member=ambassador, story=story)
    services.record_click(link=link, ip="1.1.1.1", user_agent=BROWSER, now=timezone.now() - datetime.timedelta(days=40))
    services.record_click(link=link, ip="1.1.1.2", user_agent=BROWSER)
    settings_ = SharingSettings.load()
    settings_.click_retention_days = 30
    settings_.save()
    assert tasks.delete_old_share_clicks.delay().get() == 1
    assert ShareClick.objects.count() == 1


def test_suggestions_relevance_and_dismissal(creator, editor, ambassador, other_department):
    from challenges import selectors

    other_creator = MemberFactory(role=Role.CREATOR, department=other_department, language="nl")
    other_editor = MemberFactory(role=Role.EDITOR, department=other_department)
    mine = approved_story(creator, editor, text="Ours")
    theirs = approved_story(other_creator, other_editor, text="Theirs", language="nl")
    services.submit_story(member=creator, text="Pending")
    assert list(selectors.suggestions(member=ambassador)) == [mine, theirs]
    services.dismiss_suggestion(member=ambassador, story=mine)
    services.dismiss_suggestion(member=ambassador, story=mine)
    assert list(selectors.suggestions(member=ambassador)) == [theirs]


@pytest.mark.clock
def test_weekly_digest_with_cap_once_per_week(creator, editor, department):
    from challenges.models import SharingSettings, SuggestionDigest

    settings_ = SharingSettings.load()
    settings_.weekly_suggestion_cap = 2
    settings_.save()
    reader = MemberFactory(department=department)
    for n in range(3):
        approved_story(creator, editor, text=f"Story {n}")
    services.send_weekly_digests()
    services.send_weekly_digests()
    digest = SuggestionDigest.objects.get(member=reader)
    assert len(digest.story_ids) == 2
    notification = Notification.objects.get(member=reader, kind="suggestions_digest")
    assert notification.body.count("•") == 2


def test_brief_is_made_safe(master):
    challenge = make_challenge(
        master, state="draft", brief='<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x()">l</a></p>'
    )
    assert "<script" not in challenge.brief and "onclick" not in challenge.brief
    assert "javascript:" not in challenge.brief
    text_only = make_challenge(master, state="draft", brief="One\n\nTwo")
    assert text_only.brief == "<p>One</p><p>Two</p>"


def test_sharers_score_but_only_entrants_win_unless_it_is_a_share_challenge(master, creator, editor, ambassador):
    photo = make_challenge(master, title="Photo")
    vacancy = make_challenge(master, title="Share our vacancy", kind="share")
    entry = approved_story(creator, editor, challenge=photo)
    post = approved_story(
        MemberFactory(role=Role.MASTER, department=creator.department), editor, challenge=vacancy, text="We are hiring"
    )
    for network in ("linkedin", "x", "facebook", "whatsapp", "email"):  # 25 points each challenge
        services.share_story(member=ambassador, story=entry, network=network)
        services.share_story(member=ambassador, story=post, network=network)
    photo = services.close_challenge(by=master, challenge=photo)
    assert [w["member_id"] for w in photo.winners] == [creator.pk]
    vacancy = services.close_challenge(by=master, challenge=vacancy)
    assert ambassador.pk in [w["member_id"] for w in vacancy.winners]


def test_beat_schedule_names_registered_tasks(settings):
    from cms.celery import app

    app.loader.import_default_modules()
    mine = [
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"].startswith("challenges.")
    ]
    assert len(mine) == 3
    for name in mine:
        assert name in app.tasks
