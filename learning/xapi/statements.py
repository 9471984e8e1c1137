"""What an xAPI 1.0.3 statement says, built from plain values.

The actor is an ``account`` (``homePage`` = ``BASE_URL``, ``name`` = the member's id in this
installation, which never changes and says nothing about the person): never an e-mail
address or a name. A member who is erased is not named at all: ``build`` returns None.

Activity ids are stable URLs of this site, ``{BASE_URL}/learn/activities/<translation key>/``
(``learning.views.activity``), the same for a page's Dutch and English versions and whatever
its slug becomes; the quiz of a lesson adds ``#quiz``.

A statement's ``id`` is a UUID derived (uuid5) from the event (``event``: what happened to
whom, ``lesson_completed:<member>:<lesson>``), so the same event always gives the same
statement and a retried send is a no-op for a conformant LRS."""

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings

ADL = "http://adlnet.gov/expapi/verbs/"

VERBS: dict[str, dict[str, str]] = {
    "completed": {"en-US": "completed", "nl-NL": "voltooide"},
    "passed": {"en-US": "passed", "nl-NL": "slaagde voor"},
    "failed": {"en-US": "failed", "nl-NL": "zakte voor"},
    "attempted": {"en-US": "attempted", "nl-NL": "probeerde"},
    "registered": {"en-US": "registered", "nl-NL": "schreef zich in voor"},
    "attended": {"en-US": "attended", "nl-NL": "was aanwezig bij"},
}

ACTIVITY_TYPES = {
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "course": "http://adlnet.gov/expapi/activities/course",
    "path": "http://adlnet.gov/expapi/activities/module",
    "quiz": "http://adlnet.gov/expapi/activities/assessment",
    "session": "http://adlnet.gov/expapi/activities/meeting",
}

LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-US"}


@dataclass(frozen=True)
class Activity:
    """A page (or snippet) as an xAPI activity: its ``translation_key``, its kind (a key of
    ``ACTIVITY_TYPES``), its title and the title's language (``nl``/``en``)."""

    key: uuid.UUID | str
    kind: str
    name: str
    language: str = "nl"

    @property
    def id(self) -> str:
        base = settings.BASE_URL.rstrip("/")
        url = f"{base}/learn/activities/{self.key}/"
        return f"{url}#quiz" if self.kind == "quiz" else url

    def as_object(self) -> dict:
        return {
            "objectType": "Activity",
            "id": self.id,
            "definition": {
                "type": ACTIVITY_TYPES[self.kind],
                "name": {LANGUAGE_TAGS.get(self.language, self.language or "und"): self.name[:255]},
            },
        }


def statement_id(event: str) -> uuid.UUID:
    """The statement id of ``event``: the same for the same event in this installation."""
    return uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, settings.BASE_URL.rstrip("/")), event)


def actor(member) -> dict | None:
    """The member as an xAPI Agent with an account, or None for an erased member."""
    if member is None or getattr(member, "erased_at", None) is not None:
        return None
    return {"objectType": "Agent", "account": {"homePage": settings.BASE_URL.rstrip("/"), "name": str(member.pk)}}


def score(*, raw: int, maximum: int) -> dict:
    """An xAPI score: raw between 0 and max, scaled between 0 and 1."""
    maximum = max(int(maximum), 0)
    raw = min(max(int(raw), 0), maximum)
    return {"raw": raw, "min": 0, "max": maximum, "scaled": round(raw / maximum, 4) if maximum else 0}


def build(
    *,
    event: str,
    member,
    verb: str,
    activity: Activity,
    timestamp: datetime.datetime,
    result: dict | None = None,
    parent: Activity | None = None,
) -> dict | None:
    """The statement for ``event``: ``member`` ``verb`` (a key of ``VERBS``) ``activity`` at
    ``timestamp``, with an optional xAPI ``result`` and ``parent`` activity (a lesson's
    course). None when the member may no longer be named (erased)."""
    agent = actor(member)
    if agent is None:
        return None
    statement = {
        "id": str(statement_id(event)),
        "actor": agent,
        "verb": {"id": ADL + verb, "display": VERBS[verb]},
        "object": activity.as_object(),
        "timestamp": timestamp.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "context": {"platform": settings.WAGTAIL_SITE_NAME, "language": LANGUAGE_TAGS.get(activity.language, "nl-NL")},
    }
    if parent is not None:
        statement["context"]["contextActivities"] = {"parent": [parent.as_object()]}
    if result:
        statement["result"] = result
    return statement
