"""The structure docs/architecture.md describes, proven: no import cycle inside any app, and
no module over ~500 lines outside migrations (the import contracts themselves run in
`make check` through lint-imports)."""

import pathlib

import grimp
import pytest

APPS = ["core", "people", "strategy", "courses", "gamification", "learning", "events", "challenges", "community", "cms"]
ROOT = pathlib.Path(__file__).resolve().parents[2]
MAX_LINES = 520

pytestmark = pytest.mark.source


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*APPS, cache_dir=None)


def _related(a: str, b: str) -> bool:
    """A package and its own submodules: ``__init__`` re-exports are no cycle."""
    return a.startswith(b + ".") or b.startswith(a + ".")


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each one import cycle."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


@pytest.mark.parametrize("app", APPS)
def test_no_import_cycle_inside_an_app(graph, app):
    inside = {m for m in graph.modules if m == app or m.startswith(app + ".")}
    edges = {
        module: {
            imported
            for imported in graph.find_modules_directly_imported_by(module)
            if imported in inside and not _related(module, imported)
        }
        for module in inside
    }
    assert _cycles(edges) == []


def test_no_module_over_about_500_lines():
    long = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            lines = path.read_text(encoding="utf-8").count("\n")
            if lines > MAX_LINES:
                long.append(f"{path.relative_to(ROOT)}: {lines}")
    assert long == []


def test_the_cycle_finder_finds_cycles_and_ignores_packages():
    assert _cycles({"a.x": {"a.y"}, "a.y": {"a.z"}, "a.z": {"a.x"}, "a.w": {"a.x"}}) == [["a.x", "a.y", "a.z"]]
    assert _cycles({"a.x": {"a.y"}, "a.y": set()}) == []
    assert _related("a.services", "a.services.points") and not _related("a.services", "a.selectors")
