"""The OpenAPI schema is one a client generator can use: valid without a warning (also in
`make check`), one content type per request body (JSON; multipart only where files travel),
what it declares is what the API answers (``link_url``, page numbers), and a client generated
from it by openapi-python-client imports."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS

from challenges.models import StoryStatus

pytestmark = pytest.mark.django_db

# Where files travel: a story's images and video, the invitations CSV, a post's images.
FILE_BODIES = {
    ("post", "/api/v1/stories/"): ["multipart/form-data"],
    ("post", "/api/v1/stories/{id}/resubmit/"): ["multipart/form-data"],
    ("post", "/api/v1/invitations/"): ["application/json", "multipart/form-data"],
    # a community post's (or new thread's) images
    ("post", "/api/v1/community/spaces/{id}/threads/"): ["application/json", "multipart/form-data"],
    ("post", "/api/v1/community/threads/{id}/posts/"): ["application/json", "multipart/form-data"],
}


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_validates_without_a_warning(tmp_path):
    GENERATOR_STATS.reset()
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert not GENERATOR_STATS


def test_request_bodies_are_json_except_where_files_travel(schema):
    bodies = {
        (method, path): list(operation["requestBody"]["content"])
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if "requestBody" in operation
    }
    assert len(bodies) > 10
    assert {key: types for key, types in bodies.items() if key in FILE_BODIES} == FILE_BODIES
    others = {key: types for key, types in bodies.items() if key not in FILE_BODIES}
    assert all(types == ["application/json"] for types in others.values()), others


def test_the_api_takes_what_the_schema_says(api, member):
    """A form body where JSON is documented is refused; the JSON one works."""
    assert api.patch("/api/v1/me/", {"display_name": "Form"}, format="multipart").status_code == 415
    assert (
        api.patch("/api/v1/me/", "display_name=Form", content_type="application/x-www-form-urlencoded").status_code
        == 415
    )
    response = api.patch("/api/v1/me/", {"display_name": "Json"}, format="json")
    assert response.status_code == 200 and response.json()["display_name"] == "Json"


def test_invitations_take_a_json_list_or_a_csv_file(schema):
    content = schema["paths"]["/api/v1/invitations/"]["post"]["requestBody"]["content"]
    components = schema["components"]["schemas"]

    def properties(media_type):
        name = content[media_type]["schema"]["$ref"].rsplit("/", 1)[-1]
        return components[name]

    assert "file" not in properties("application/json")["properties"]
    assert "invitations" in properties("application/json")["properties"]
    assert properties("multipart/form-data")["required"] == ["file"]


def test_link_url_is_a_uri_or_null(schema, make_member, api_for):
    from challenges.services import submit_story
    from people.models import Role

    declared = schema["components"]["schemas"]["Story"]["properties"]["link_url"]
    assert declared["format"] == "uri" and declared["nullable"] is True
    creator = make_member(role=Role.CREATOR)
    without = submit_story(member=creator, text="No link")
    with_link = submit_story(member=creator, link_url="https://example.com/news")
    api = api_for(creator)
    assert api.get(f"/api/v1/stories/{without.pk}/").json()["link_url"] is None
    assert api.get(f"/api/v1/stories/{with_link.pk}/").json()["link_url"] == "https://example.com/news"
    assert without.status == StoryStatus.SUBMITTED


def test_page_numbers_are_documented_from_one_with_their_errors(schema):
    for path in ("/api/v1/notifications/", "/api/v1/review-queue/", "/api/v1/suggestions/"):
        operation = schema["paths"][path]["get"]
        page = next(p for p in operation["parameters"] if p["name"] == "page")
        assert page["schema"]["minimum"] == 1, path
        assert {"400", "404"} <= set(operation["responses"]), path


def test_a_generated_python_client_imports(schema, tmp_path):
    """openapi-python-client turns the schema into a package; every module of it imports (a
    body published in three content types made modules that do not)."""
    import json

    spec = tmp_path / "schema.json"
    spec.write_text(json.dumps(schema))
    config = tmp_path / "config.yaml"
    config.write_text("post_hooks: []\nproject_name_override: client\npackage_name_override: social_shift_client\n")
    generator = Path(sys.executable).parent / "openapi-python-client"
    generated = subprocess.run(
        [str(generator), "generate", "--path", str(spec), "--config", str(config), "--meta", "none"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    assert "Warning" not in generated.stdout + generated.stderr, generated.stdout + generated.stderr
    check = textwrap.dedent(
        """
        import importlib, pkgutil, social_shift_client as package
        names = [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
        for name in names:
            importlib.import_module(name)
        from social_shift_client.api.stories import stories_create
        from social_shift_client.api.me import me_partial_update
        print(len(names))
        """
    )
    imported = subprocess.run(
        [sys.executable, "-c", check], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert imported.returncode == 0, imported.stderr
    assert int(imported.stdout.strip()) > 100
