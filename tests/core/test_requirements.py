"""The application imports only what ``requirements/base.txt`` installs: ``make run`` and a
production installation install that file alone, so a package that only the test
requirements bring along (httpx came with openapi-python-client, and the xAPI sender
imported it) would fail there and nowhere in the test suite."""

import ast
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

pytestmark = pytest.mark.source

ROOT = Path(__file__).resolve().parents[2]
APPS = ["core", "people", "strategy", "courses", "learning", "events", "gamification", "challenges", "community", "cms"]


def _requirements(path: Path) -> list[Requirement]:
    lines = (line.split("#")[0].strip() for line in path.read_text().splitlines())
    return [Requirement(line) for line in lines if line and not line.startswith("-")]


def base_distributions() -> set[str]:
    """The distributions base.txt installs: its pins and, through the installed packages'
    metadata, everything they require (with the extras asked for)."""
    found: dict[str, set[str]] = {}
    todo = [(canonicalize_name(r.name), set(r.extras)) for r in _requirements(ROOT / "requirements" / "base.txt")]
    while todo:
        name, extras = todo.pop()
        if name in found and extras <= found[name]:
            continue
        found[name] = found.get(name, set()) | extras
        try:
            requires = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            continue
        for line in requires:
            requirement = Requirement(line)
            wanted = requirement.marker is None or any(
                requirement.marker.evaluate({"extra": extra}) for extra in {"", *found[name]}
            )
            if wanted:
                todo.append((canonicalize_name(requirement.name), set(requirement.extras)))
    return set(found)


def third_party_imports() -> dict[str, set[str]]:
    """Top-level module → the application files that import it (not the standard library,
    not the project's own apps)."""
    imports: dict[str, set[str]] = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in APPS:
                        imports.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return imports


def test_the_application_imports_only_what_base_requirements_install():
    base = base_distributions()
    providers = metadata.packages_distributions()
    missing = {
        module: sorted(files)
        for module, files in third_party_imports().items()
        if not {canonicalize_name(dist) for dist in providers.get(module, [])} & base
    }
    assert not missing, f"imported by the application but not installed by requirements/base.txt: {missing}"


def test_the_check_sees_a_package_only_the_tests_install():
    """httpx is installed (by openapi-python-client, a test requirement), not by base.txt."""
    providers = metadata.packages_distributions()
    assert "httpx" in {canonicalize_name(d) for d in providers.get("httpx", [])}
    assert "httpx" not in base_distributions()
