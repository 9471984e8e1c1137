from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("community/", views.spaces, name="spaces"),
    path("community/search/", views.search, name="search"),
    path("community/moderation/", views.queue, name="queue"),
    path("community/spaces/<id:pk>/", views.space, name="space"),
    path("community/spaces/<id:pk>/new/", views.new_thread, name="new_thread"),
    path("community/threads/<id:pk>/", views.thread, name="thread"),
    path("community/threads/<id:pk>/reply/", views.reply, name="reply"),
    path("community/threads/<id:pk>/follow/", views.follow, name="follow"),
    path("community/posts/<id:pk>/react/", views.react, name="react"),
    path("community/posts/<id:pk>/report/", views.report, name="report"),
    path("community/posts/<id:pk>/accept/", views.accept, name="accept"),
    path("community/posts/<id:pk>/moderate/", views.moderate, name="moderate"),
    # Private post images (``community.models.POST_MEDIA_URL``), served after a check.
    path("community/media/<path:name>", views.post_media, name="post_media"),
]
