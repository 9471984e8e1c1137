"""xAPI 1.0.3: every learning event as a statement for the organisation's learning record
store (LRS), when ``XAPI_LRS_ENDPOINT``, ``XAPI_LRS_KEY`` and ``XAPI_LRS_SECRET`` are set.

- ``statements``: what a statement says (actor, ADL verb, activity, result), and its id,
  a UUID derived from the event, so the same event is always the same statement.
- ``outbox``: ``record()`` writes the statement in the event's own transaction
  (``learning.models.XapiStatement``) and asks Celery to send it after commit.
- ``sending``: ``send_due()`` posts the due statements in batches and keeps what the LRS did
  not take for a later try with back-off (``learning.tasks.send_xapi_statements``).

Events of ``events`` (a session registered, attended) reach the outbox through the Wagtail
hook ``record_learning_event``, which ``learning.wagtail_hooks`` answers: ``events`` and
``learning`` sit on the same line of the app order and may not import each other."""
