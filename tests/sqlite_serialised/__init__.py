"""SQLite for the test suite: one lock around every call into a connection that threads share.

pytest-django's live server hands the test's in-memory SQLite connection to its request
threads (an in-memory database exists only inside its connection). Python's sqlite3 module
releases the GIL while SQLite runs a statement, and SQLite holds the connection's mutex for
that time, calling back into Python (Django registers functions such as ``django_date_trunc``)
with that mutex held: the callback needs the GIL. Meanwhile another thread holding the GIL can
ask SQLite for a row's columns, which needs the mutex. Neither lets go, and the whole process
stops (seen in CI: two live-server request threads, one in a report's weekly buckets, one
reading a session). ``tests/test_sqlite_serialised.py`` runs two such threads on this
backend in a subprocess; on Django's own backend the same script freezes.

So every call into a connection takes ``LOCK`` first (re-entrant; waiting for it releases the
GIL), and the live server (``tests/conftest.py``) holds it for a whole request, which also
keeps one request's transaction apart from another's on the shared connection.
"""

import threading

LOCK = threading.RLock()
