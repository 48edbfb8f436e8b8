"""Real Chromium for tests: Debian's ``chromium`` driven by Playwright, plus axe-core.

Locally, a test that needs the browser skips with a clear reason when Chromium (or
axe-core) is missing; under ``CI=true`` a missing browser is a failure, because CI's
``.ci/run`` installs both. The browser never talks to the network: background
networking is off and tests record every request a page makes.

Files for a person to look at (screenshots of whole lessons, handout PNGs and PDFs)
cost time and are not checks: they are written when ``E2E_ARTIFACTS=1``, and for a
test that fails, never otherwise.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.support import ROOT, require

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def artifacts_wanted() -> bool:
    """Write the human-review files (screenshots, PDFs) even when every test passes."""
    return os.environ.get("E2E_ARTIFACTS", "").lower() in ("1", "true", "yes")


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (starting it is slow)."""
    path = chromium_path()
    require(path is not None, "Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright for Python is not installed (pip install playwright)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    require(AXE_JS.exists(), f"axe-core is not installed ({AXE_JS} missing: npm install)")
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page, axe_source: str, selector: str | None = None) -> list[dict]:
    """Inject axe-core and return violations of impact serious or critical."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    context = selector or "document"
    result = page.evaluate(
        "async (sel) => await axe.run(sel === 'document' ? document : "
        "{include: Array.from(document.querySelectorAll(sel))}, "
        "{resultTypes: ['violations']})", context)
    return [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                    for n in v["nodes"][:5])
        for v in violations)
