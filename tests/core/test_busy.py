"""core/busy.py: no database connection free in time (psycopg_pool's ``PoolTimeout``) is a 503
with Retry-After and the code ``busy``, for the site and the API, never a 500. The real pool
under load: tests/cms/test_db_pool.py (PostgreSQL)."""

import pytest
from django.db import OperationalError
from psycopg_pool import PoolTimeout

from cms.api import exception_handler
from core import busy
from core.errors import Busy


def _pool_timeout() -> OperationalError:
    """What Django raises when the pool gives no connection: its error, caused by psycopg's."""
    try:
        try:
            raise PoolTimeout("couldn't get a connection after 0.50 sec")
        except PoolTimeout as exc:
            raise OperationalError(str(exc)) from exc
    except OperationalError as wrapped:
        return wrapped


class ExhaustedPool:
    pool = object()

    def ensure_connection(self):
        raise _pool_timeout()


@pytest.fixture
def exhausted(monkeypatch):
    monkeypatch.setattr(busy, "connection", ExhaustedPool())


def test_only_the_pool_running_out_counts_as_busy():
    assert busy.pool_exhausted(_pool_timeout())
    assert busy.pool_exhausted(PoolTimeout())
    assert not busy.pool_exhausted(OperationalError("server closed the connection"))
    assert not busy.pool_exhausted(None)


def test_the_api_answers_503_busy_with_retry_after(exhausted, client):
    response = client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert response["Retry-After"] == str(busy.RETRY_AFTER_SECONDS)
    assert response.json() == {
        "detail": "The site is very busy right now. Please try again in a moment.",
        "code": "busy",
    }


def test_a_page_answers_with_the_busy_page_in_dutch(exhausted, client):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert response["Content-Type"].startswith("text/html")
    assert "Het is nu erg druk" in response.content.decode()


def test_a_view_that_runs_out_later_is_busy_too(rf):
    response = busy.BusyDatabaseMiddleware(lambda request: None).process_exception(rf.get("/learn/"), _pool_timeout())
    assert response.status_code == 503 and response["Retry-After"].isdigit()
    assert busy.BusyDatabaseMiddleware(lambda r: None).process_exception(rf.get("/"), ValueError()) is None


def test_the_api_handler_maps_the_pool_and_every_503_says_when_to_retry():
    response = exception_handler(_pool_timeout(), {})
    assert (response.status_code, response.data["code"]) == (503, "busy")
    assert response["Retry-After"] == str(busy.RETRY_AFTER_SECONDS)
    locked = exception_handler(Busy("Many people are doing this right now."), {})
    assert locked.status_code == 503 and locked["Retry-After"] == str(busy.RETRY_AFTER_SECONDS)
