"""The Masters' pages in the Wagtail admin (registered in ``gamification.wagtail_hooks``):
``corrections`` (points corrections) and ``badges`` (badge awards by hand, revocation)."""
