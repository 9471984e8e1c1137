"""The public story page (what a share links to) carries the organisation's branding."""

import pytest

from tests.branding import BRAND_NAME, BRAND_PRIMARY, branded_organisation
from tests.challenges.factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def branded(settings, tmp_path):
    return branded_organisation(settings, tmp_path)


def test_the_public_story_page_is_branded(client, creator, editor, branded, settings):
    story = StoryFactory(creator=creator, approved_by=editor, title="We won")
    html = client.get(f"/stories/p/{story.public_id}/").content.decode()
    assert f'<meta property="og:site_name" content="{BRAND_NAME}">' in html
    assert f'<meta property="og:image" content="{settings.BASE_URL}{branded.logo_url}">' in html  # no story image
    footer = html[html.index('data-testid="story-publisher"') :]
    assert BRAND_NAME in footer[: footer.index("</footer>")]
    assert f"--brand:{BRAND_PRIMARY}" in html


def test_a_story_image_stays_the_share_image(client, creator, editor, branded):
    story = StoryFactory(creator=creator, approved_by=editor, title="We won", images=1)
    html = client.get(f"/stories/p/{story.public_id}/").content.decode()
    assert html.count('property="og:image"') == 1
    assert '<meta property="og:image" content="http://testserver/story-media/stories/images/' in html
