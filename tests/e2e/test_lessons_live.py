"""Every lesson, run in real JupyterLab: no errors and every part drawn, code collapsed.

After Run All Cells, no cell may show an error, every code cell has run, and every
``show(...)`` cell must have drawn its part: a live widget for an activity, HTML for the
static parts, under a collapsed input (the learner sees the lesson, not code; a click
shows the code). The themes and the axe-core audit come after the interactions:
test_themes_live.py.
"""

from __future__ import annotations

import json

import pytest

from . import lab
from .conftest import LESSONS

pytestmark = pytest.mark.e2e


def test_lesson_notebooks_found():
    assert LESSONS, "no lesson notebooks (notebooks/[0-9][0-9]-*.ipynb) to test"
    assert all(nb.cells for nb in LESSONS), "a lesson notebook shows nothing"


def test_run_all_shows_no_error(lesson_run):
    page = lesson_run.page
    errors = page.locator(f"{lesson_run.panel} {lab.STDERR}")
    assert errors.count() == 0, "error output after Run All:\n" + "\n---\n".join(
        errors.all_inner_texts())[:4000]
    counts = lab.execution_counts(page, lesson_run.panel)
    assert counts and all(isinstance(n, int) and n > 0 for n in counts), counts
    assert len(counts) == len(_code_cells(lesson_run.lesson.path))


def test_every_show_cell_rendered(lesson_run):
    page = lesson_run.page
    assert lesson_run.cell_count == len(_cells(lesson_run.lesson.path))
    for cell in lesson_run.lesson.cells:
        output = lesson_run.output(cell.index)
        if cell.widget:
            widget = output.locator(".jupyter-widgets").first
            widget.wait_for()
            if cell.kind:
                output.locator(f".csc-{cell.kind}").wait_for()
            text = output.first.inner_text()
            assert lab.WIDGET_ERROR not in text, f"{cell.ref}: {text[:300]}"
            assert "Loading widget" not in text, f"{cell.ref} never finished loading"
        else:
            output.locator(".csc-card").first.wait_for()
        assert page.locator(lesson_run.cell(cell.index)).locator(lab.STDERR).count() == 0


def test_show_cells_collapsed_and_a_click_shows_the_code(lesson_run):
    """Every show cell's input is collapsed as the notebook says; a click on it opens it."""
    page = lesson_run.page
    cells = _cells(lesson_run.lesson.path)
    hidden = sorted({c.index for c in lesson_run.lesson.cells
                     if cells[c.index]["metadata"].get("jupyter", {}).get("source_hidden")})
    assert hidden, f"{lesson_run.lesson.name}: no show cell has its input collapsed"
    for index in hidden:
        cell = page.locator(lesson_run.cell(index))
        assert cell.locator(".jp-InputPlaceholder").count() == 1, f"cell {index} input not collapsed"
        assert cell.locator(".jp-InputArea-editor").count() == 0, f"cell {index} code is on screen"
    cell = page.locator(lesson_run.cell(hidden[-1]))
    cell.locator(".jp-InputPlaceholder").click()
    code = cell.locator(".jp-InputArea-editor")
    code.wait_for()
    assert "show(" in code.inner_text()
    cell.locator(".jp-InputCollapser").click()  # and closed again, as the learner found it
    cell.locator(".jp-InputPlaceholder").wait_for()


def _cells(path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _code_cells(path) -> list[dict]:
    return [c for c in _cells(path) if c["cell_type"] == "code"]
