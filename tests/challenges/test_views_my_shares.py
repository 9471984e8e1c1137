"""The member's shares page: a small form for self-reported results, own shares only."""

import pytest

from tests.challenges.factories import ShareFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_the_page_lists_my_shares_and_saves_results(client_for, django_assert_max_num_queries):
    share = ShareFactory(network="linkedin")
    ShareFactory()  # someone else's
    client = client_for(share.member)
    client.get("/share/mine/")
    with django_assert_max_num_queries(12):
        page = client.get("/share/mine/")
    assert page.content.decode().count('data-testid="my-share"') == 1
    response = client.post(
        f"/share/mine/{share.pk}/",
        {"post_url": "https://www.linkedin.com/feed/update/1", "reactions": "7", "comments": "", "reposts": "1"},
    )
    assert response.status_code == 302
    share.refresh_from_db()
    assert (share.reactions, share.comments, share.reposts) == (7, None, 1)
    assert 'data-testid="self-reported"' in client.get("/share/mine/").content.decode()


def test_a_wrong_domain_is_shown_as_an_error_and_nothing_saved(client_for):
    share = ShareFactory(network="linkedin")
    client = client_for(share.member)
    response = client.post(f"/share/mine/{share.pk}/", {"post_url": "https://example.com/x"}, follow=True)
    assert response.status_code == 200
    share.refresh_from_db()
    assert share.post_url == "" and share.results_reported_at is None


def test_someone_elses_share_is_a_404(client_for):
    share = ShareFactory()
    assert client_for(MemberFactory()).post(f"/share/mine/{share.pk}/", {"reactions": "3"}).status_code == 404


def test_empty_state(client_for):
    assert 'data-testid="no-shares"' in client_for(MemberFactory()).get("/share/mine/").content.decode()


def test_the_tracked_link_passes_its_code_on_to_the_storys_own_link(client):
    from tests.challenges.factories import ShareLinkFactory, StoryFactory

    story = StoryFactory(approved=True, link_url="https://werkenbij.example.com/vacature/42?ref=x")
    link = ShareLinkFactory(story=story)
    response = client.get(
        f"/s/{link.code}?utm_source=linkedin&utm_medium=social",
        HTTP_USER_AGENT="Mozilla/5.0 Chrome/120",
        REMOTE_ADDR="203.0.113.9",
    )
    assert f"ss_link={link.code}" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert (
        f"https://werkenbij.example.com/vacature/42?ref=x&amp;utm_source=linkedin&amp;utm_medium=social&amp;utm_content={link.code}&amp;ss_link={link.code}"
        in page
    )


def test_without_a_code_the_storys_link_is_unchanged(client):
    from tests.challenges.factories import StoryFactory

    story = StoryFactory(approved=True, link_url="https://werkenbij.example.com/vacature/42")
    page = client.get(f"/stories/p/{story.public_id}/?ss_link=<bad>").content.decode()
    assert 'href="https://werkenbij.example.com/vacature/42"' in page
