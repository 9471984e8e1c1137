"""Gamification's API (routed in ``cms.api_urls``): ``points`` (my ledger, my standing),
``leaderboards``, ``badges`` and ``prizes``. Any signed-in member; Masters see hidden members."""
