"""The notebooks: clean when committed, thin, and pointing at real content."""

from __future__ import annotations

import json
import re

import pytest

from curriculum.notebook_refs import show_refs
from widgets.registry import UnknownReference, parse_ref, view_for

from .conftest import NOTEBOOKS, lesson_notebooks

ALL_NOTEBOOKS = sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def test_notebook_set_is_not_empty():
    assert len(ALL_NOTEBOOKS) >= 2
    assert NOTEBOOKS / "00-start-here.ipynb" in ALL_NOTEBOOKS


@pytest.mark.parametrize("nb_path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs_or_widget_state(nb_path):
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    assert "widgets" not in nb.get("metadata", {}), "notebook metadata holds widget state"
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"cell {i} has outputs"
            assert cell.get("execution_count") is None, f"cell {i} has an execution count"


@pytest.mark.parametrize("nb_path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_are_thin(nb_path):
    """Notebooks hold narrative and one-line activity cells; logic lives in packages."""
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            lines = [ln for ln in "".join(cell["source"]).splitlines() if ln.strip()]
            assert len(lines) <= 3, f"code cell too long: {lines}"


@pytest.mark.parametrize("nb_path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_shows_support(nb_path):
    refs = show_refs(nb_path)
    assert "support" in refs or any(r.endswith("/summary") for r in refs), refs


def test_every_lesson_has_a_notebook_showing_all_its_activities(course):
    by_name = {p.name: p for p in lesson_notebooks()}
    assert course.meta.lessons
    for entry in course.meta.lessons:
        assert entry.notebook in by_name, f"{entry.notebook} missing from notebooks/"
        refs = show_refs(by_name[entry.notebook])
        lesson = course.lessons[entry.id]
        expected = {f"{entry.id}/{a}" for a in lesson.activities} | {
            f"{entry.id}/intro", f"{entry.id}/summary", "progress"}
        assert set(refs) == expected, f"{entry.notebook}: shows {sorted(refs)}"
        assert refs[0] == f"{entry.id}/intro" and refs[-1] == f"{entry.id}/summary"
        # My progress closes the lesson, just before the summary that keeps the helplines last
        assert refs[-2] == "progress", f"{entry.notebook}: progress is not shown at the end"


def test_all_show_references_resolve(course):
    refs = [r for p in ALL_NOTEBOOKS for r in show_refs(p)]
    assert refs
    for ref in refs:
        assert view_for(ref, course) is not None


def test_unknown_references_are_clear(course):
    with pytest.raises(UnknownReference, match="no lesson '99-x'"):
        view_for("99-x/quiz", course)
    with pytest.raises(UnknownReference, match="has no activity 'quizz'"):
        view_for("01-history/quizz", course)
    with pytest.raises(UnknownReference):
        parse_ref("")


def test_start_here_links_every_lesson(course):
    text = (NOTEBOOKS / "00-start-here.ipynb").read_text(encoding="utf-8")
    links = set(re.findall(r"\]\(([^)]+\.ipynb)\)", text))
    assert links == {e.notebook for e in course.meta.lessons}
