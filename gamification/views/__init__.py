"""Member pages (routed in ``gamification.urls``): ``points`` (my points history),
``leaderboards``, ``badges`` (my badges and the public Open Badges pages) and ``prizes``.
The Masters' admin pages are in ``gamification.admin_views``."""
