"""Training and reading the spam model (``community.spam``) stored in ``SpamModel``."""

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .. import selectors, spam
from ..models import SpamModel

CACHE_KEY = "community:spam-model"


def current_model() -> dict:
    """The latest counts (cached for five minutes)."""
    model = cache.get(CACHE_KEY)
    if model is None:
        row = SpamModel.objects.order_by("-trained_at").first()
        # Before the first training, the seed examples and decisions so far (cheap).
        model = row.counts if row else spam.train(selectors.spam_training_examples())
        cache.set(CACHE_KEY, model, timeout=300)
    return model


def retrain() -> dict:
    """Train on the seed examples and the moderators' decisions and store the result as the
    one ``SpamModel`` row. Locks nothing (the last training wins, which is fine); returns the
    counts' summary ``{"spam": n, "ham": n}``; raises nothing of its own."""
    counts = spam.train(selectors.spam_training_examples())
    with transaction.atomic():
        SpamModel.objects.all().delete()
        SpamModel.objects.create(counts=counts, trained_at=timezone.now())
    cache.delete(CACHE_KEY)
    return dict(counts["docs"])
