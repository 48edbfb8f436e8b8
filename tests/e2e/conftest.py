"""Fixtures for the browser tests: one JupyterLab server, one browser page, one lesson run.

Starting JupyterLab and running a lesson are slow, so the server and the page live for
the whole session and each lesson is run once (Run All) and shared by every test that
looks at it; the lessons take turns with one kernel (``lab.open_notebook``). A test
uses an activity as Run All drew it; only a second test on the same activity runs its
cell again first. The server is always stopped by its own process id, kernels
included, and the teardown fails if any process it started is still alive.

Screenshots for a person to look at are taken only with ``E2E_ARTIFACTS=1``, or of the
page at the moment a lesson's test failed (``build/screenshots/failed/``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ..support import ROOT
from . import lab
from .lessons import NOTEBOOKS, LessonNotebook, lesson_notebooks
from .server import LabServer, start_lab

LESSONS = lesson_notebooks()
HERE = Path(__file__).resolve().parent
PHASES = ("test_lessons_live.py", "test_activities_live.py", "test_themes_live.py")
# Tests of the JupyterLab session itself, run after every lesson (by then any prompt
# JupyterLab shows at start-up has long appeared).
LAST = ("test_lab_settings.py",)
FAILED_SHOTS = ROOT / "build" / "screenshots" / "failed"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run each lesson once, all its tests together: plain run, interactions, then themes."""
    names = [nb.name for nb in LESSONS]

    def key(item):
        if item.path.parent != HERE:
            return (0, 0, 0)
        if item.path.name in LAST:
            return (2, 0, 0)
        callspec = getattr(item, "callspec", None)
        lesson = callspec.params.get("lesson_run") if callspec else None
        where = names.index(lesson.name) + 1 if lesson is not None else 0
        phase = PHASES.index(item.path.name) if item.path.name in PHASES else 0
        return (1, where, phase)

    items.sort(key=key)


@pytest.fixture(scope="session", autouse=True)
def _patient_expect():
    """``expect`` waits 5 s by default; give it the same patience as every other wait."""
    from playwright.sync_api import expect

    expect.set_options(timeout=lab.TIMEOUT_MS)


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory, browser):  # browser first: skip before starting a server
    server = start_lab(NOTEBOOKS, tmp_path_factory.mktemp("jupyterlab"))
    try:
        yield server
    finally:
        survivors = server.stop()
        assert not survivors, f"processes left behind by JupyterLab: {survivors}"


@pytest.fixture(scope="session")
def lab_page(browser, lab_server: LabServer):
    """One JupyterLab tab for the session; it must never leave localhost."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(lab.TIMEOUT_MS)
    page = context.new_page()
    outside: list[str] = []
    own = urlparse(lab_server.url).netloc

    def on_request(request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != own:
            outside.append(request.url)

    page.on("request", on_request)
    lab.open_lab(page, lab_server.lab_url("lab") + "&reset")
    try:
        yield page
    finally:
        context.close()
    assert not outside, f"the lesson pages called the network: {outside[:10]}"


@dataclass
class LessonRun:
    """A lesson opened in JupyterLab after Run All Cells."""

    page: object
    panel: str
    lesson: LessonNotebook
    cell_count: int
    used: set[int] = field(default_factory=set)  # cells whose activity a test has used

    def cell(self, index: int) -> str:
        return lab.cell_selector(self.panel, index)

    def output(self, index: int):
        return self.page.locator(f"{self.cell(index)} .jp-OutputArea-output")


@pytest.fixture(scope="session", params=LESSONS, ids=lambda nb: nb.name)
def lesson_run(request, lab_page) -> LessonRun:
    lesson: LessonNotebook = request.param
    if lesson.name in _FAILED:  # fail fast: one timeout per lesson, not one per test
        pytest.fail(f"{lesson.name} did not run: {_FAILED[lesson.name]}")
    try:
        panel = lab.open_notebook(lab_page, lesson.name)
        lab.wait_idle(lab_page)
        lab.run_all(lab_page, panel)
        count = lab.tag_cells(lab_page, panel)
    except Exception as exc:
        _FAILED[lesson.name] = str(exc)[:500]
        raise
    return LessonRun(lab_page, panel, lesson, count)


_FAILED: dict[str, str] = {}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed lesson test leaves a screenshot of the page as it was when it failed."""
    report = yield
    if report.failed and report.when in ("setup", "call"):
        funcargs = getattr(item, "funcargs", {})
        run = funcargs.get("lesson_run")
        page = run.page if run is not None else funcargs.get("lab_page")
        if page is not None:
            name = re.sub(r"[^\w.-]+", "_", item.nodeid.split("::", 1)[-1])[:150]
            try:
                FAILED_SHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(FAILED_SHOTS / f"{name}.png"), full_page=True,
                                timeout=30_000)
            except Exception as exc:  # noqa: BLE001 - the test's own failure is what matters
                report.sections.append(("failure screenshot", f"not taken: {exc}"))
    return report
