"""Start functions at the same moment in threads (each with its own database connection),
as simultaneous requests would: for the concurrency tests on PostgreSQL."""

import threading

from django.db import connection


def run_at_once(functions, *, timeout: float = 60) -> list[Exception]:
    """Run every function in its own thread, released together; returns what they raised."""
    barrier = threading.Barrier(len(functions))
    errors = []

    def runner(fn):
        try:
            barrier.wait()
            fn()
        except Exception as exc:  # collected and checked by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(fn,)) for fn in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return errors
