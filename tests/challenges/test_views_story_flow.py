"""challenges/views.py: the creator sees who reviews a waiting story (on submit and on "My
stories"), withdraws it there, confirms photo consent on the submit form; the editor sees
the consent in the queue."""

import pytest

from challenges.models import Story, StoryStatus
from people.models import Role
from tests.factories import DepartmentFactory, MemberFactory

from .conftest import upload
from .factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_submit_names_the_department_editor_and_my_stories_too(creator, editor, client_for):
    client = client_for(creator)
    assert "It will be reviewed by Editor." in client.get("/stories/new/").content.decode()
    response = client.post("/stories/new/", {"text": "At the fair"}, follow=True)
    page = response.content.decode()
    assert "Thank you! Your story is waiting for review by Editor." in page
    assert "Waiting for review by Editor." in page


def test_without_a_department_editor_the_creator_reads_the_social_masters(master, client_for):
    MemberFactory(role=Role.EDITOR, editor_for_all_departments=True, display_name="Erik")
    creator = MemberFactory(role=Role.CREATOR, department=DepartmentFactory(name="Klantenservice"))
    client = client_for(creator)
    page = client.post("/stories/new/", {"text": "Hello"}, follow=True).content.decode()
    assert "waiting for review by Erik and the Social Masters." in page


def test_in_dutch_the_reviewers_read_naturally(master, client_for):
    creator = MemberFactory(role=Role.CREATOR, department=DepartmentFactory(name="IT"), language="nl")
    StoryFactory(creator=creator, department=creator.department)
    page = client_for(creator).get("/stories/mine/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Wacht op beoordeling door de Social Masters." in page
    assert "Dit verhaal intrekken" in page


def test_only_waiting_stories_show_reviewers_and_withdraw(creator, editor, client_for):
    StoryFactory(creator=creator, department=creator.department, approved=True)
    page = client_for(creator).get("/stories/mine/").content.decode()
    assert 'data-testid="story-reviewers"' not in page
    assert 'data-testid="withdraw"' not in page


def test_withdraw_from_my_stories(creator, editor, client_for):
    story = StoryFactory(creator=creator, department=creator.department)
    client = client_for(creator)
    response = client.post(f"/stories/{story.pk}/withdraw/", follow=True)
    assert response.status_code == 200
    assert "Your story is withdrawn" in response.content.decode()
    story.refresh_from_db()
    assert story.status == StoryStatus.WITHDRAWN
    assert client.post(f"/stories/{story.pk}/withdraw/").status_code == 302  # again: nothing changes
    assert f'data-story="{story.pk}"' not in client_for(editor).get("/review/").content.decode()


def test_withdraw_others_story_is_404_and_get_is_405(creator, editor, client, client_for):
    story = StoryFactory(department=creator.department)
    assert client_for(creator).post(f"/stories/{story.pk}/withdraw/").status_code == 404
    assert client_for(editor).post(f"/stories/{story.pk}/withdraw/").status_code == 404
    assert client_for(story.creator).get(f"/stories/{story.pk}/withdraw/").status_code == 405
    response = client.post(f"/stories/{story.pk}/withdraw/")
    assert response.status_code == 302 and "/login" in response["Location"]
    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED


def test_withdrawing_a_reviewed_story_says_why(creator, client_for):
    story = StoryFactory(creator=creator, approved=True)
    page = client_for(creator).post(f"/stories/{story.pk}/withdraw/", follow=True).content.decode()
    assert "can no longer be withdrawn" in page
    story.refresh_from_db()
    assert story.status == StoryStatus.APPROVED


def test_the_submit_form_asks_for_photo_consent(creator, client_for):
    client = client_for(creator)
    assert 'name="photo_consent"' in client.get("/stories/new/").content.decode()
    response = client.post("/stories/new/", {"text": "Team", "images": [upload()]})
    assert response.status_code == 400
    assert "Confirm that the people in the photos agreed" in response.content.decode()
    assert not Story.objects.exists()
    response = client.post("/stories/new/", {"text": "Team", "images": [upload()], "photo_consent": "on"})
    assert response.status_code == 302
    assert Story.objects.get().photo_consent_at is not None


def test_the_editor_sees_whether_consent_was_given(creator, editor, client_for):
    client_for(creator).post("/stories/new/", {"text": "Team", "images": [upload()], "photo_consent": "on"})
    StoryFactory(creator=creator, department=creator.department, images=1)  # an older row, no consent recorded
    page = client_for(editor).get("/review/").content.decode()
    assert 'data-testid="photo-consent"' in page
    assert 'data-testid="photo-consent-missing"' in page
