"""challenges/selectors/sharing.py: the suggestions feed, tracked links, and what a share
button needs (caption, disclosure, UTM tags, the network's dialog)."""

import pytest

from challenges.models import SharingSettings
from challenges.selectors.sharing import (
    caption_for,
    share_dialog_url,
    share_link,
    share_payload,
    suggestion_feed,
    suggestions,
)
from challenges.services.sharing import dismiss_suggestion, share_story
from people.models import Role
from tests.factories import MemberFactory

from ..factories import ChallengeFactory, ShareLinkFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_suggestions_relevance_and_dismissal(creator, ambassador, other_department):
    mine = StoryFactory(creator=creator, approved=True, text="Ours")
    other_creator = MemberFactory(role=Role.CREATOR, department=other_department, language="nl")
    theirs = StoryFactory(creator=other_creator, approved=True, text="Theirs")
    StoryFactory(creator=creator, text="Pending")
    assert list(suggestions(member=ambassador)) == [mine, theirs]
    dismiss_suggestion(member=ambassador, story=mine)
    assert list(suggestions(member=ambassador)) == [theirs]


def test_the_feed_knows_where_i_shared(ambassador):
    story = StoryFactory(approved=True)
    share_story(member=ambassador, story=story, network="x")
    (shown,) = suggestion_feed(member=ambassador)
    assert [share.network for share in shown.my_shares] == ["x"]


def test_caption_fixed_or_free_and_disclosure():
    story = StoryFactory(approved=True, caption="Suggested")
    assert caption_for(story=story, caption="Mine") == "Mine"
    settings_ = SharingSettings.load()
    settings_.disclosure_line = "I work at Acme."
    settings_.save()
    assert caption_for(story=story) == "Suggested\n\nI work at Acme."
    story.caption_fixed = True
    assert caption_for(story=story, caption="Mine") == "Suggested\n\nI work at Acme."


def test_share_payload_has_utm_tags_and_network_dialog(ambassador):
    challenge = ChallengeFactory()
    link = ShareLinkFactory(member=ambassador, story=StoryFactory(challenge=challenge, approved=True))
    payload = share_payload(link=link, network="linkedin")
    assert payload["tracking_url"].startswith(f"http://testserver/s/{link.code}?")
    assert "utm_source=linkedin" in payload["tracking_url"]
    assert f"utm_campaign=challenge-{challenge.pk}" in payload["tracking_url"]
    assert payload["share_url"].startswith("https://www.linkedin.com/sharing/share-offsite/?url=http")
    free = share_payload(link=ShareLinkFactory(member=ambassador), network="x")
    assert "utm_campaign=ambassadors" in free["tracking_url"]


@pytest.mark.parametrize(
    ("network", "start"),
    [
        ("linkedin", "https://www.linkedin.com/sharing/share-offsite/?url="),
        ("x", "https://x.com/intent/post?text=Hi"),
        ("facebook", "https://www.facebook.com/sharer/sharer.php?u="),
        ("whatsapp", "https://wa.me/?text=Hi"),
        ("email", "mailto:?subject=Title&body=Hi"),
    ],
)
def test_each_network_opens_its_own_dialog(network, start):
    assert share_dialog_url(network=network, url="https://t.example/s/x", caption="Hi", title="Title").startswith(start)


def test_a_tracked_link_leads_nowhere_once_its_story_is_withdrawn():
    link = ShareLinkFactory()
    assert share_link(code=link.code) == link
    link.story.status = "rejected"
    link.story.save()
    assert share_link(code=link.code) is None
