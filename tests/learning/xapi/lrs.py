"""A learning record store for the xAPI tests, run in a thread of the test process on a free
port: ``POST /statements`` as xAPI 1.0.3 says, with each statement validated by TinCanPython
(``tincan``, the Python library of the xAPI project, which nobody on this project wrote), and
the few rules of the specification it lets through (``spec_problem``).

- Basic auth with the key and secret it was made with (401 otherwise) and the header
  ``X-Experience-API-Version: 1.0.3`` (400 otherwise);
- a statement or a list of them; any that ``tincan.Statement`` refuses (a bad UUID, an
  unknown property, a wrong type) makes the whole request 400, nothing stored;
- an id it already has with other content: 409 for the whole request, nothing stored; with
  the same content: a no-op (200);
- 200 with the list of ids.

``stop()`` closes the port (an LRS that is down: connection refused), ``start()`` opens the
same port again; ``answer_with`` makes it answer every request with a status (503, …)."""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tincan import Statement

from tests.faults import free_port

IGNORED = ("stored", "authority", "version")
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")


def spec_problem(statement: dict) -> str | None:
    """What TinCanPython lets through but xAPI 1.0.3 forbids: an agent with no inverse
    functional identifier or more than one (4.1.2.1), an account without homePage and name
    (4.1.2.4), a score out of its range (4.1.5.1)."""
    actor = statement.get("actor") or {}
    if sum(1 for ifi in IFIS if ifi in actor) != 1:
        return "the actor needs exactly one inverse functional identifier"
    if "account" in actor and set(actor["account"]) != {"homePage", "name"}:
        return "an account has a homePage and a name"
    score = (statement.get("result") or {}).get("score")
    if score:
        if "scaled" in score and not -1 <= score["scaled"] <= 1:
            return "score.scaled lies between -1 and 1"
        if "raw" in score and not score.get("min", score["raw"]) <= score["raw"] <= score.get("max", score["raw"]):
            return "score.raw lies between min and max"
    return None


def _canonical(statement: dict) -> str:
    return json.dumps({k: v for k, v in statement.items() if k not in IGNORED}, sort_keys=True)


class LRS:
    def __init__(self, *, key: str, secret: str):
        self.key, self.secret = key, secret
        self.port = free_port()
        self.statements: dict[str, dict] = {}
        self.posted_ids: list[str] = []  # every id in every accepted request, repeats included
        self.requests = 0
        self.answer_with: int | None = None
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xapi/"

    def start(self) -> None:
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                status, answer = lrs.handle(self.path, dict(self.headers), body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Experience-API-Version", "1.0.3")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(5)
            self._server = None

    def handle(self, path: str, headers: dict, body: bytes) -> tuple[int, object]:
        with self._lock:
            self.requests += 1
            if self.answer_with:
                return self.answer_with, {"message": "answer_with"}
            if path.rstrip("/") != "/xapi/statements":
                return 404, {"message": "not found"}
            expected = "Basic " + base64.b64encode(f"{self.key}:{self.secret}".encode()).decode()
            if headers.get("Authorization") != expected:
                return 401, {"message": "unauthorised"}
            if headers.get("X-Experience-API-Version") != "1.0.3":
                return 400, {"message": "X-Experience-API-Version 1.0.3 missing"}
            try:
                data = json.loads(body)
            except ValueError:
                return 400, {"message": "not JSON"}
            batch = data if isinstance(data, list) else [data]
            for statement in batch:
                try:
                    Statement.from_json(json.dumps(statement))
                except (ValueError, TypeError, AttributeError, KeyError) as error:
                    return 400, {"message": f"invalid statement: {error}"}
                if not isinstance(statement, dict) or "id" not in statement:
                    return 400, {"message": "a statement without an id"}
                if problem := spec_problem(statement):
                    return 400, {"message": problem}
                earlier = self.statements.get(statement["id"])
                if earlier is not None and _canonical(earlier) != _canonical(statement):
                    return 409, {"message": f"conflicting statement {statement['id']}"}
            ids = [statement["id"] for statement in batch]
            if len(set(ids)) != len(ids):
                return 400, {"message": "the same id twice in one request"}
            for statement in batch:
                self.statements.setdefault(statement["id"], statement)
            self.posted_ids.extend(ids)
            return 200, ids
