"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Never downloads a browser: without /usr/bin/chromium the tests are skipped, or fail when
CI sets REQUIRE_BROWSER=1.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
TIMEOUT_MS = 10_000


@pytest.fixture(scope="package")
def browser():
    # Package scope, not session: Playwright's loop must be gone before other packages run
    # their own event loops (Channels communicators use async_to_sync).
    if not CHROMIUM.exists():
        message = f"Chromium not installed at {CHROMIUM}: browser tests skipped"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium is required (REQUIRE_BROWSER=1) but not installed at {CHROMIUM}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop marked as running in this thread, so
    # Django would refuse the tests' own ORM calls (SynchronousOnlyOperation). Allowed
    # only while the browser is alive, then restored.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_context(browser):
    """Make fresh browser contexts (no cookies shared); all are closed after the test."""
    contexts = []

    def make(**kwargs):
        context = browser.new_context(**kwargs)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_BLOCKING = {"serious", "critical"}


def _axe_path() -> Path:
    if not AXE.exists():
        message = f"axe-core not installed at {AXE} (run `make npm`)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"axe-core is required (REQUIRE_BROWSER=1): {message}")
        pytest.skip(message)
    return AXE


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.1 A and AA rules) on the page as it is now; its violations that
    are serious or critical."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, not added as a <script> tag: the site's
        # Content Security Policy refuses inline scripts, and must not be relaxed for this.
        page.evaluate(_axe_path().read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [v for v in result["violations"] if v.get("impact") in AXE_BLOCKING]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node.get('failureSummary', '').strip()}")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible():
    """``assert_accessible(page)`` fails on any serious or critical axe-core violation of
    WCAG 2.1 AA, listing them."""
    _axe_path()

    def check(page, label: str = "") -> None:
        violations = axe_violations(page)
        assert not violations, f"{label or page.url}: accessibility violations\n{format_violations(violations)}"

    return check
