"""Every change in the community: posting (``posting``), the spam defence that decides a
new post's status (``guard``), moderation (``moderation``), telling people (``telling``),
the spam model (``spam_model``) and erasure (``privacy``)."""

from .moderation import moderate_post, report_post, sanction_member, set_thread_lock
from .posting import accept_answer, create_post, create_thread, follow_thread, react

__all__ = [
    "accept_answer",
    "create_post",
    "create_thread",
    "follow_thread",
    "moderate_post",
    "react",
    "report_post",
    "sanction_member",
    "set_thread_lock",
]
