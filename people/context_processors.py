from django.utils.functional import SimpleLazyObject

from . import selectors


def notifications(request):
    """Unread count for the header, computed only when a template asks for it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: selectors.unread_count(member_id=user.pk))}
