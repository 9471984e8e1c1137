"""The Content Security Policy: scripts from the site's own files only, on every page a
member reaches from the menu (the demo organisation, every role), and no inline script or
event-handler attribute in any template. The Wagtail admin alone gets a relaxed policy.
The browser's side (no violation reported on the main pages): tests/browser/test_content_security_policy.py."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client

from cms.navigation import menu_for
from people.models import Member, Role

ROOT = Path(__file__).resolve().parents[2]
DEMO_ACCOUNTS = [
    "ambassador@example.com",
    "creator@example.com",
    "editor@example.com",
    "activator@example.com",
    "master@example.com",
    "hr@example.com",
]
# Script types that are data, not code (json_script, allauth's data-allauth-onload blocks).
DATA_TYPES = {"application/json", "application/ld+json", "text/template"}


def policy(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{response.request['PATH_INFO']}: no Content-Security-Policy header"
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


class InlineCode(HTMLParser):
    """Collects what a strict policy would block: inline scripts, on…= attributes,
    javascript: URLs, and <style> elements without the nonce."""

    def __init__(self, nonce: str | None):
        super().__init__()
        self.nonce = nonce
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}={value}>")
        if tag == "script" and "src" not in attributes and attributes.get("type") not in DATA_TYPES:
            self._in_script = True
        if tag == "style" and attributes.get("nonce") != self.nonce:
            self.found.append("<style> without the request's nonce")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append(f"inline <script>: {data.strip()[:80]}")


def inline_code(response) -> list[str]:
    nonces = [v.removeprefix("'nonce-").rstrip("'") for v in policy(response).get("style-src", []) if "nonce-" in v]
    parser = InlineCode(nonces[0] if nonces else None)
    parser.feed(response.content.decode())
    return parser.found


def menu_paths(member) -> list[str]:
    paths = []
    for item in menu_for(member=member):
        for entry in item.children or (item,):
            paths.append(entry.url)
    return paths


def linked_paths(html: str) -> set[str]:
    """The site's own pages a page links to (not files, the admin, the API or logging out)."""
    paths = set()
    for href in re.findall(r'href="([^"]+)"', html):
        parts = urlsplit(href)
        if parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(("/admin/", "/api/", "/media/", "/static/", "/documents/", "/logout/")):
            continue
        if re.search(r"\.(ics|csv|xlsx|pdf|png|svg|json)$", parts.path) or "/feed/" in parts.path:
            continue
        paths.add(parts.path)
    return paths


@pytest.fixture(scope="module")
def member_pages(demo, django_db_blocker):
    """Every demo role's menu pages and the pages those link to, once per path."""
    seen: dict[str, str] = {}
    with django_db_blocker.unblock():
        for email in DEMO_ACCOUNTS:
            member = Member.objects.get(email=email)
            client = Client()
            client.force_login(member)
            queue = menu_paths(member)
            for path in list(queue):
                response = client.get(path)
                if response.status_code == 200:
                    queue.extend(sorted(linked_paths(response.content.decode()) - set(queue)))
            for path in queue:
                if not path.startswith("/admin/"):  # the admin's own policy: the last test
                    seen.setdefault(path, email)
    return seen


@pytest.mark.django_db
def test_site_pages_send_a_strict_policy(client, member):
    for path in ("/", "/login/"):
        directives = policy(client.get(path))
        assert directives["script-src"] == ["'self'"], directives
        assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in directives["style-src"] and "'unsafe-eval'" not in " ".join(
            sum(directives.values(), [])
        )
    client.force_login(member)
    assert policy(client.get("/profile/"))["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_the_branding_style_carries_the_nonce_of_the_header(client):
    response = client.get("/login/")
    nonce = next(v for v in policy(response)["style-src"] if v.startswith("'nonce-")).removeprefix("'nonce-")[:-1]
    assert f'<style id="branding" nonce="{nonce}">' in response.content.decode()
    other = client.get("/login/")
    assert nonce not in other.headers["Content-Security-Policy"]  # a new nonce for every response


@pytest.mark.django_db
def test_api_answers_carry_the_policy_too(anon_api):
    assert policy(anon_api.get("/api/v1/me/"))["default-src"] == ["'self'"]


@pytest.mark.django_db
def test_no_rendered_page_runs_inline_code(demo, member_pages):
    assert len(member_pages) > 25, member_pages
    failures = {}
    clients = {}
    for path, email in member_pages.items():
        if email not in clients:
            clients[email] = Client()
            clients[email].force_login(Member.objects.get(email=email))
        response = clients[email].get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        found = inline_code(response)
        if found:
            failures[f"{email} {path}"] = found
    for path in ("/", "/login/", "/api/docs/"):
        found = inline_code(Client().get(path))
        if found:
            failures[f"visitor {path}"] = found
    assert not failures, failures


@pytest.mark.django_db
def test_the_parser_sees_inline_code():
    """The check above can fail: what it looks for, it finds."""
    parser = InlineCode(nonce="abc")
    parser.feed(
        '<script>alert(1)</script><script type="application/json">{}</script><script src="/x.js"></script>'
        '<input onclick="x()"><a href="javascript:x()">x</a><style>p{}</style><style nonce="abc">p{}</style>'
    )
    assert parser.found == [
        "inline <script>: alert(1)",
        "<input onclick=…>",
        "<a href=javascript:x()>",
        "<style> without the request's nonce",
    ]


@pytest.mark.django_db
def test_only_the_wagtail_admin_gets_the_relaxed_policy(client_for, make_member):
    client = client_for(make_member(role=Role.MASTER, is_superuser=True))
    admin = policy(client.get("/admin/"))
    assert "'unsafe-inline'" in admin["script-src"] and admin["frame-ancestors"] == ["'self'"]
    assert "'unsafe-eval'" not in admin["script-src"]
    assert admin["object-src"] == ["'none'"]  # what the admin does not replace stays strict
    assert policy(client.get("/profile/"))["script-src"] == ["'self'"]
    assert policy(client.get("/administration-lookalike/"))["script-src"] == ["'self'"]


@pytest.mark.source
def test_no_template_has_inline_scripts_or_handler_attributes():
    """Pages the crawl above does not reach are covered here, in the source."""
    offenders = []
    for template in ROOT.glob("*/templates/**/*.html"):
        if ".venv" in template.parts or "node_modules" in template.parts or "/email/" in str(template):
            continue
        text = template.read_text()
        for match in re.finditer(r"<script\b([^>]*)>", text):
            attributes = match.group(1)
            if "src=" not in attributes and not any(kind in attributes for kind in DATA_TYPES):
                offenders.append(f"{template.relative_to(ROOT)}: inline <script>")
        for match in re.finditer(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", text):
            offenders.append(f"{template.relative_to(ROOT)}: {match.group(0)[:60]}")
        for _match in re.finditer(r"<style\b(?![^>]*nonce=)", text):
            offenders.append(f"{template.relative_to(ROOT)}: <style> without a nonce")
    assert not offenders, "\n".join(offenders)
