"""Hand work to Celery by task name, after the current transaction commits.

Services sit below tasks in every app's layers (a task is a thin entry point that calls a
service), so a service cannot import its app's ``tasks`` module to call ``.delay()``. It names
the task instead, as Zulip's actions name their queues. The task is looked up in the Celery
app's registry when the transaction commits, so a rolled-back change enqueues nothing, and
with ``CELERY_TASK_ALWAYS_EAGER`` (tests, the embedded default) it runs at once as usual."""

from celery import current_app
from django.db import transaction


def _task(task_name: str):
    """The registered task. Celery discovers the apps' ``tasks`` modules when a worker
    starts; a web process has imported only those something else imported, so the first
    name it misses triggers the same discovery (once: later names are registered)."""
    tasks = current_app.tasks
    if task_name not in tasks:
        current_app.loader.import_default_modules()
    return tasks[task_name]


def enqueue(task_name: str, /, *args, countdown: float | None = None, robust: bool = False, **kwargs) -> None:
    """Send ``task_name`` with ``args``/``kwargs`` once the surrounding transaction commits
    (at once outside one). ``robust=True`` logs a failure to send instead of raising it, for
    follow-up work that must never fail the member's request (a broker that is away)."""

    def send() -> None:
        _task(task_name).apply_async(args=args, kwargs=kwargs, countdown=countdown)

    transaction.on_commit(send, robust=robust)
