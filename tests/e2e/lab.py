"""Driving JupyterLab in Chromium the way a learner does: open, Run All, switch theme.

Facts measured for JupyterLab 4 (shared/design.md): the kernel is ready when the status
bar says ``Idle``; Run All is the "Run" menu then "Run All Cells"; widgets render under
``.jp-OutputArea-output``. The server exposes ``window.jupyterapp`` so a test can open a
notebook and switch theme with JupyterLab's own commands instead of guessing at layout.
Every wait is a wait-for on something visible, never a sleep.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

THEMES = {"light": "JupyterLab Light", "dark": "JupyterLab Dark"}
# Per wait. Measured on a heavily loaded 2-core VM: a cold kernel took ~5 minutes to start
# and JupyterLab's page ~10; E2E_TIMEOUT_S raises or lowers it.
TIMEOUT_MS = int(float(os.environ.get("E2E_TIMEOUT_S", "300")) * 1000)
# How often a wait re-checks the page. Playwright's default re-checks on every animation
# frame, which keeps a renderer core busy for the whole wait; on two shared cores that
# slows the very page being waited for.
POLL_MS = 200
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
# Run in a lesson's kernel before it is handed to the next lesson: the next notebook's
# widget manager then has no old widgets to fetch, and the old views stop listening.
CLOSE_WIDGETS = "import ipywidgets\nipywidgets.Widget.close_all()"
# JavaScript: the code cells' execution counts of the notebook shown in a panel (a CSS
# selector), read from JupyterLab's model; null when no such notebook is open.
_EXECUTION_COUNTS = """(panel) => {
    const node = document.querySelector(panel);
    const w = node && Array.from(window.jupyterapp.shell.widgets('main')).find(w => w.node === node);
    if (!w || !w.content || !w.content.model) return null;
    return Array.from(w.content.model.cells).filter(c => c.type === 'code')
        .map(c => c.executionCount);
}"""
WIDGET_ERROR = "Error displaying widget"


def open_lab(page, lab_url: str) -> None:
    page.goto(lab_url, timeout=TIMEOUT_MS * 2, wait_until="domcontentloaded")
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=TIMEOUT_MS * 2,
                           polling=POLL_MS)
    page.evaluate("async () => { await window.jupyterapp.started; await window.jupyterapp.restored; }")


def open_notebook(page, path: str) -> str:
    """Close every open document, open ``path``; return a CSS selector for its panel.

    A lesson that was run has unsaved outputs, so closing it the normal way would stop at
    a "Save your work?" dialog; the test never wants those outputs, so each document is
    marked clean and closed. Its kernel is not shut down but handed on to the next
    lesson, its widgets closed first: a kernel start (and the course's imports in it)
    is the slowest step of opening a lesson, and two cores cannot carry six kernels.
    nbval runs every notebook in a kernel of its own, so a lesson that leans on an
    earlier lesson's kernel state still fails there.
    """
    widget_id = page.evaluate(
        """async (path) => {
            const app = window.jupyterapp;
            let kernel = null;
            for (const w of Array.from(app.shell.widgets('main'))) {
                if (w.context) {
                    w.context.model.dirty = false;
                    const k = w.sessionContext && w.sessionContext.session
                        && w.sessionContext.session.kernel;
                    if (k && !kernel && k.connectionStatus === 'connected'
                            && ['idle', 'busy'].includes(k.status)) {
                        await k.requestExecute({code: CLOSE_WIDGETS, silent: true,
                                                store_history: false}).done;
                        kernel = {id: k.id, name: k.name};
                    } else if (w.sessionContext) {
                        await w.sessionContext.shutdown();
                    }
                }
                w.dispose();
            }
            const w = await app.commands.execute('docmanager:open',
                                                 kernel ? {path, kernel} : {path});
            await w.context.ready;
            await w.sessionContext.ready;
            w.node.querySelectorAll('.jp-Cell').forEach(c => delete c.dataset.e2eCell);
            return w.id;
        }""".replace("CLOSE_WIDGETS", json.dumps(CLOSE_WIDGETS)), path)
    return f'[id="{widget_id}"]'


def wait_idle(page) -> None:
    page.locator("#jp-main-statusbar").get_by_text("Idle").first.wait_for(timeout=TIMEOUT_MS)


def run_all(page, panel: str) -> None:
    """Run All Cells from the menu; return when every code cell ran or one failed.

    "Ran" is read from the notebook model (each code cell's execution count), not from
    the ``[n]:`` prompts: a cell whose input is collapsed (``jupyter.source_hidden``, as
    every ``show(...)`` cell is) has no prompt in the page.
    """
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.wait_for_function(
        """([panel, stderr]) => {
            const root = document.querySelector(panel);
            if (!root) return false;
            if (root.querySelector(stderr)) return true;
            const counts = (EXECUTION_COUNTS)(panel);
            return counts !== null && counts.length > 0 && counts.every(n => n !== null);
        }""".replace("EXECUTION_COUNTS", _EXECUTION_COUNTS), arg=[panel, STDERR],
        timeout=TIMEOUT_MS, polling=POLL_MS)
    wait_idle(page)


def execution_counts(page, panel: str) -> list[int | None]:
    """The execution count of every code cell of the notebook in ``panel``, in order."""
    counts = page.evaluate(f"(panel) => ({_EXECUTION_COUNTS})(panel)", panel)
    assert counts is not None, f"no notebook open in {panel}"
    return counts


def tag_cells(page, panel: str) -> int:
    """Number the panel's cells (``data-e2e-cell``) so a cell can be found by index."""
    return page.evaluate(
        """(panel) => {
            const cells = document.querySelectorAll(panel + ' .jp-Notebook .jp-Cell');
            cells.forEach((c, i) => { c.dataset.e2eCell = String(i); });
            return cells.length;
        }""", panel)


def cell_selector(panel: str, index: int) -> str:
    return f'{panel} [data-e2e-cell="{index}"]'


def rerun_cell(page, panel: str, index: int) -> None:
    """Run one cell again, which draws its activity afresh (a clean state for a test)."""
    page.evaluate(
        """async (index) => {
            const app = window.jupyterapp;
            const nb = app.shell.currentWidget.content;
            nb.activeCellIndex = index;
            await app.commands.execute('notebook:run-cell');
        }""", index)
    wait_idle(page)


def set_theme(page, which: str) -> None:
    """Switch theme with JupyterLab's own command; wait until its colours apply."""
    name = THEMES[which]
    page.evaluate("async (theme) => { await window.jupyterapp.commands.execute("
                  "'apputils:change-theme', {theme}); }", name)
    page.wait_for_function(
        """([name, light]) => {
            if (document.body.dataset.jpThemeName !== name) return false;
            const nb = document.querySelector('.jp-Notebook') || document.body;
            const m = getComputedStyle(nb).backgroundColor.match(/\\d+(\\.\\d+)?/g);
            if (!m) return false;
            const lum = (0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]) / 255;
            return light ? lum > 0.6 : lum < 0.4;
        }""", arg=[name, which == "light"], timeout=TIMEOUT_MS, polling=POLL_MS)


def screenshot_notebook(page, panel: str, path: Path) -> None:
    """Screenshot the whole notebook: grow the window to its height, shoot, restore."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    scroller = f"{panel} .jp-WindowedPanel-outer"
    extra = page.locator(scroller).evaluate("e => e.scrollHeight - e.clientHeight")
    height = min(size["height"] + max(extra, 0) + 40, 20_000)
    page.set_viewport_size({"width": size["width"], "height": height})
    try:
        page.wait_for_function("(sel) => { const e = document.querySelector(sel); "
                               "return e.scrollHeight <= e.clientHeight + 2; }",
                               arg=scroller, timeout=TIMEOUT_MS, polling=POLL_MS)
        page.screenshot(path=str(path))
    finally:
        page.set_viewport_size(size)


def tab_until(page, selector: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches ``selector`` (keyboard-only navigation)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => !!document.activeElement && document.activeElement.matches(sel)",
                         selector):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")
