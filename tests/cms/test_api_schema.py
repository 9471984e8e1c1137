"""The whole OpenAPI schema, fuzzed with Schemathesis against the real WSGI app as a
signed-in member (token auth), plus the schema and docs endpoints themselves."""

import re

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from people.models import Notification
from tests.factories import MemberFactory, lessons_of, make_course, make_path

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler, minus the per-request connection closing that would end the
    test's transaction (Django's own test client disconnects the same receivers)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def tree(db):
    basics = make_course("Basics", lessons=2, quiz_on=[1])
    advanced = make_course("Advanced", lessons=2, prerequisites=[basics])
    make_path([basics, advanced], title="Ambassador to Creator")
    return {
        "courses": [basics.pk, advanced.pk],
        "lessons": [lesson.pk for course in (basics, advanced) for lesson in lessons_of(course)],
    }


@pytest.fixture
def fuzz_member(db):
    member = MemberFactory()
    other = MemberFactory()
    for i in range(3):
        Notification.objects.create(member=member, kind="test", title=f"Mine {i}")
    Notification.objects.create(member=other, kind="test", title="Not mine")
    return member


@pytest.fixture
def auth_headers(fuzz_member):
    token = Token.objects.create(user=fuzz_member)
    return {"Authorization": f"Token {token.key}"}


@pytest.fixture
def api_schema(tree, wsgi_app, fuzz_member):
    loaded = schemathesis.openapi.from_wsgi("/api/schema/", wsgi_app)
    loaded.config.generation.update(modes=[GenerationMode.POSITIVE], with_security_parameters=False)
    return loaded


def _operations():
    """Every operation of the schema, generated the way /api/schema/ generates it, so that
    each gets its own test id (the served schema is what the test then fuzzes)."""
    from drf_spectacular.generators import SchemaGenerator

    spec = SchemaGenerator().get_schema(request=None, public=True)
    return [f"{method.upper()} {path}" for path, methods in spec["paths"].items() for method in methods]


def _use_real_ids(case, tree):
    """Half of the generated ids are swapped for ids that exist, so the fuzzing reaches
    real courses and lessons as well as 404s."""
    params = case.path_parameters or {}
    generated = params.get("id")
    if not isinstance(generated, int) or generated % 2:
        return
    ids = tree["lessons"] if case.operation.path.startswith("/api/v1/lessons/") else tree["courses"]
    params["id"] = ids[(generated // 2) % len(ids)]


@pytest.mark.parametrize("label", _operations())
def test_operation_conforms_to_the_schema(label, api_schema, auth_headers, tree):
    method, path = label.split(" ", 1)
    operation = api_schema[path][method]

    @settings(
        max_examples=20,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(case=operation.as_strategy(GenerationMode.POSITIVE))
    def fuzz(case):
        _use_real_ids(case, tree)
        r = case.call_and_validate(headers=auth_headers, checks=CHECKS)
        print(
            "STATUS",
            label,
            r.status_code,
            case.path_parameters,
            case.media_type,
            repr(case.body.get("ids", case.body.get("answers", "-")) if isinstance(case.body, dict) else "-")[:80],
            r.content[:100],
        )

    fuzz()


def test_schema_is_openapi_3(anon_api):
    response = anon_api.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    data = response.json()
    assert str(data["openapi"]).startswith("3.")
    assert any(path.startswith("/api/v1/") for path in data["paths"])


def test_docs_load_nothing_from_a_cdn(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger" in html.lower()
    for host in ("cdn.jsdelivr", "unpkg", "cdnjs", "fonts.googleapis"):
        assert host not in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
