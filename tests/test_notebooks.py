"""The notebooks: clean when committed, thin, and pointing at real content."""

from __future__ import annotations

import ast
import json
import re

import pytest

from curriculum.course.notebook_refs import show_refs
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


@pytest.mark.parametrize(("start", "other"), [
    ("00-start-here.ipynb", "zh-Hant-HK/00-start-here.ipynb"),
    ("zh-Hant-HK/00-start-here.ipynb", "../00-start-here.ipynb"),
])
def test_start_here_links_every_lesson_and_the_other_language(course, start, other):
    """Each start page links every lesson in its own language, and the other start page."""
    text = (NOTEBOOKS / start).read_text(encoding="utf-8")
    links = set(re.findall(r"\]\(([^)]+\.ipynb)\)", text))
    assert links == {e.notebook for e in course.meta.lessons} | {other}
    assert all((NOTEBOOKS / start).parent.joinpath(link).resolve().exists() for link in links)


def _shows_only(source: str) -> bool:
    """A cell that only shows course parts: ``show("...")`` calls, perhaps after the import."""
    calls = 0
    for stmt in ast.parse(source).body:
        if (isinstance(stmt, ast.ImportFrom) and stmt.module == "widgets"
                and [a.name for a in stmt.names] == ["show"]):
            continue
        if (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
                and getattr(stmt.value.func, "id", None) == "show"):
            calls += 1
            continue
        return False
    return calls > 0


def test_show_cells_have_their_code_collapsed():
    """Learners see the lesson, not code: every show cell's input starts collapsed.

    JupyterLab reads ``metadata.jupyter.source_hidden``; a click on the collapsed input
    shows the code again. Cells with other code (the educator's report folder) stay open.
    """
    show_cells = [(p.name, cell.get("id"), cell) for p in ALL_NOTEBOOKS
                  for cell in json.loads(p.read_text(encoding="utf-8"))["cells"]
                  if cell["cell_type"] == "code" and _shows_only("".join(cell["source"]))]
    assert show_cells, "no show(...) cells found in the notebooks"
    assert {name for name, _id, _c in show_cells} >= {p.name for p in lesson_notebooks()}
    open_ = [f"{name} {cell_id}" for name, cell_id, cell in show_cells
             if cell.get("metadata", {}).get("jupyter", {}).get("source_hidden") is not True]
    assert not open_, f"show cells whose code is not collapsed (jupyter.source_hidden): {open_}"


def test_learner_lab_settings_installed_in_this_environment():
    """JupyterLab started from this environment reads the course's settings: no news prompt.

    ``{sys.prefix}/share/jupyter/lab/settings/overrides.d/*.json`` is where JupyterLab looks
    (beside an admin's own ``overrides.json``, which the course must never overwrite);
    ``pip install .`` puts the file there (pyproject's data-files), ``make`` copies it for
    its editable install, Binder's ``postBuild`` likewise. The values must be ones the
    installed JupyterLab's schema accepts (fetchNews is the string "false", not false).
    """
    import sys
    from pathlib import Path

    name = "cyber-safety-curriculum.json"
    shipped = NOTEBOOKS.parent / "jupyter-settings" / "overrides.d" / name
    installed = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / name
    assert installed.exists(), f"{installed} missing: run `make install` (or pip install .)"
    settings = json.loads(installed.read_text(encoding="utf-8"))
    assert settings == json.loads(shipped.read_text(encoding="utf-8")), f"{installed} is out of date"
    notification = settings["@jupyterlab/apputils-extension:notification"]
    assert notification["fetchNews"] == "false"
    assert notification["checkForUpdates"] is False
    schema_path = (Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas" / "@jupyterlab"
                   / "apputils-extension" / "notification.json")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))["properties"]
    assert notification["fetchNews"] in {c["const"] for c in schema["fetchNews"]["oneOf"]}
    assert set(notification) <= set(schema)


def test_learner_lab_settings_shipped_with_the_package():
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    root = NOTEBOOKS.parent
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    data_files = project["tool"]["setuptools"]["data-files"]
    assert data_files["share/jupyter/lab/settings/overrides.d"] == [
        "jupyter-settings/overrides.d/cyber-safety-curriculum.json"]
    assert "share/jupyter/lab/settings" not in data_files  # an admin's overrides.json stays theirs
    post_build = (root / "postBuild").read_text(encoding="utf-8")  # Binder: editable install
    assert "jupyter-settings/overrides.d/cyber-safety-curriculum.json" in post_build
    assert "share/jupyter/lab/settings/overrides.d" in post_build


def test_notebook_narrative_names_school_people_and_never_the_seed_page():
    """The checker's student-text rules, held for the notebooks' own Markdown too: each
    paragraph that says to tell someone trusted names who that can be in school."""
    from curriculum.course.rules import SEED_PAGE, school_people_missing

    notebooks = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    assert notebooks
    problems = []
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] != "markdown":
                continue
            for para in re.split(r"\n\s*\n|\n(?=- )", "".join(cell["source"])):
                if SEED_PAGE.search(para) or school_people_missing(para):
                    problems.append(f"{path.name} cell {i}: {para.strip()[:120]}")
    assert not problems, "\n".join(problems)
