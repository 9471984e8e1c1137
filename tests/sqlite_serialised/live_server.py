"""pytest-django's live server, with each request under the shared SQLite connection's lock."""

from django.core.servers.basehttp import ThreadedWSGIServer

from tests.sqlite_serialised import LOCK


class SerialisedWSGIServer(ThreadedWSGIServer):
    """Threads accept connections (a browser keeps several open) but run one request at a
    time when they share the test's in-memory SQLite connection; the body is read inside the
    lock because a streamed response still queries while it is sent."""

    def set_app(self, application):
        if not self.connections_override:
            super().set_app(application)
            return

        def serialised(environ, start_response):
            with LOCK:
                response = application(environ, start_response)
                try:
                    body = b"".join(response)
                finally:
                    if hasattr(response, "close"):
                        response.close()
            return [body]

        super().set_app(serialised)
