"""Django's SQLite backend with every call into the connection under ``LOCK`` (see the
package's docstring for the freeze this prevents)."""

from django.db.backends.sqlite3 import base

from tests.sqlite_serialised import LOCK


def _locked(method):
    def call(*args, **kwargs):
        with LOCK:
            return method(*args, **kwargs)

    call.__name__ = method.__name__
    return call


class SerialisedCursor(base.SQLiteCursorWrapper):
    execute = _locked(base.SQLiteCursorWrapper.execute)
    executemany = _locked(base.SQLiteCursorWrapper.executemany)
    fetchone = _locked(base.SQLiteCursorWrapper.fetchone)
    fetchmany = _locked(base.SQLiteCursorWrapper.fetchmany)
    fetchall = _locked(base.SQLiteCursorWrapper.fetchall)
    close = _locked(base.SQLiteCursorWrapper.close)

    def __next__(self):
        with LOCK:
            return super().__next__()


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name=None):
        with LOCK:
            return self.connection.cursor(factory=SerialisedCursor)

    _commit = _locked(base.DatabaseWrapper._commit)
    _rollback = _locked(base.DatabaseWrapper._rollback)
    _set_autocommit = _locked(base.DatabaseWrapper._set_autocommit)
    _start_transaction_under_autocommit = _locked(base.DatabaseWrapper._start_transaction_under_autocommit)
    is_usable = _locked(base.DatabaseWrapper.is_usable)
    get_new_connection = _locked(base.DatabaseWrapper.get_new_connection)
    _close = _locked(base.DatabaseWrapper._close)
    close = _locked(base.DatabaseWrapper.close)
