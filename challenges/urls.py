from django.urls import path

from . import views

app_name = "challenges"

urlpatterns = [
    path("challenges/", views.challenge_list, name="list"),
    path("challenges/manage/", views.manage, name="manage"),
    path("challenges/manage/<id:pk>/", views.manage_detail, name="manage_detail"),
    path("challenges/manage/<id:pk>/<slug:action>/", views.manage_action, name="manage_action"),
    path("challenges/<id:pk>/", views.challenge_detail, name="detail"),
    path("stories/new/", views.submit_story, name="submit"),
    path("stories/mine/", views.my_stories, name="my_stories"),
    path("stories/<id:pk>/resubmit/", views.resubmit, name="resubmit"),
    path("stories/<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("stories/<id:pk>/compliment/", views.compliment, name="compliment"),
    path("stories/p/<str:public_id>/", views.public_story, name="public_story"),
    # models.STORY_MEDIA_URL: the prefix of every story photo's and video's ``.url``.
    path("story-media/<path:name>", views.story_media, name="story_media"),
    path("share/", views.feed, name="feed"),
    path("share/mine/", views.my_shares, name="my_shares"),
    path("share/mine/<id:pk>/", views.share_results, name="share_results"),
    path("share/<id:pk>/", views.share, name="share"),
    path("share/<id:pk>/dismiss/", views.dismiss, name="dismiss"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<id:pk>/", views.review, name="review"),
    path("s/<str:code>", views.share_redirect, name="share_redirect"),
    path("content-calendar/<id:pk>/challenge/", views.from_calendar, name="from_calendar"),
]
