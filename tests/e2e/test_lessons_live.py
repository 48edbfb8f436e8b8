"""Every lesson, run in real JupyterLab: no errors and every part drawn.

After Run All Cells, no cell may show an error, and every ``show(...)`` cell must have
drawn its part: a live widget for an activity, HTML for the static parts. (The themes,
screenshots and axe-core audit come after the interactions: test_themes_live.py.)
"""

from __future__ import annotations

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
    prompts = page.locator(f"{lesson_run.panel} .jp-CodeCell .jp-InputPrompt").all_inner_texts()
    assert prompts and all(p.strip()[1:-2].isdigit() for p in prompts), prompts


def test_every_show_cell_rendered(lesson_run):
    page = lesson_run.page
    assert lesson_run.cell_count == _cell_count(lesson_run.lesson.path)
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


def _cell_count(path) -> int:
    import json

    return len(json.loads(path.read_text(encoding="utf-8"))["cells"])
