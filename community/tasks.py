"""Scheduled and follow-up work of the community."""

from celery import shared_task


@shared_task(name="community.tasks.retrain_spam_model", ignore_result=True)
def retrain_spam_model() -> dict:
    """Retrain the spam score from the seed examples and the moderators' decisions (beat:
    hourly; also after each moderation decision). Safe to run twice: the last one wins."""
    from .services import spam_model

    return spam_model.retrain()
