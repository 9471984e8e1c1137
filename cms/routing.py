from django.urls import path

from community.routing import websocket_urlpatterns as community_websockets
from gamification.consumers import LeaderboardConsumer
from people.consumers import NotificationConsumer

websocket_urlpatterns = [
    path("ws/notifications/", NotificationConsumer.as_asgi()),
    path("ws/leaderboards/<str:board>/", LeaderboardConsumer.as_asgi()),
    *community_websockets,
]
