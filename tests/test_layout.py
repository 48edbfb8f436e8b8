"""The package shows its parts, and its arrows point down.

``curriculum`` is layered: the course (model, loader, sources) at the bottom; the
activities (state and grading) on it; the classroom (progress store, completion, the
report's numbers) on those; the presentation (fragments, charts, interface words) draws
all three; handouts are presentation on paper; the command line is on top. ``widgets``
holds only the live views, over all of it, and nothing in ``curriculum`` imports
``widgets``. Read from the source with ``ast``, so an import inside a function counts too.
"""

from __future__ import annotations

import ast
import inspect
import pkgutil
from pathlib import Path

import pytest

from tests.support import ROOT

PACKAGE = ROOT / "curriculum"

# layer -> the curriculum layers it may import (itself included)
ALLOWED = {
    "course": {"course"},
    "activities": {"course", "activities"},
    "classroom": {"course", "activities", "classroom"},
    "present": {"course", "activities", "classroom", "present"},
    "handout": {"course", "activities", "present", "handout"},
    "cli": {"course", "activities", "present", "handout", "classroom", "cli"},
    # the course on a JupyterHub: delivery, accounts, a local hub
    "hub": {"course", "classroom", "hub"},
}


def imported_modules(path: Path, root: Path = ROOT) -> set[str]:
    """Absolute names of every module ``path`` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_modules_found():
    assert len(MODULES) > 20
    assert {p.parent.name for p in MODULES} >= set(ALLOWED)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_curriculum_never_imports_widgets(path):
    bad = sorted(m for m in imported_modules(path) if m == "widgets" or m.startswith("widgets."))
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


LAYERED = [p for p in MODULES if p.relative_to(PACKAGE).parts[0] in ALLOWED]


@pytest.mark.parametrize("path", LAYERED, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_layer_imports_only_the_layers_below(path):
    layer = path.relative_to(PACKAGE).parts[0]
    used = {m.split(".")[1] for m in imported_modules(path)
            if m.startswith("curriculum.") and m.split(".")[1] in ALLOWED}
    assert used <= ALLOWED[layer], f"{path.relative_to(ROOT)} ({layer}) imports {used - ALLOWED[layer]}"


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(paths: list[Path], root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the modules among ``paths`` it imports, at the top or inside a function."""
    names = {module_name(p, root): p for p in paths}
    return {name: {m for m in imported_modules(path, root) if m in names and m != name}
            for name, path in names.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other round a loop (Tarjan's strongly
    connected components of more than one module), each sorted, for the message."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_the_cycle_finder_finds_a_planted_cycle_and_only_that():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set(), "d": {"a", "c"}}) == []
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}) == [["a", "b"], ["c", "d"]]


def test_a_cycle_through_a_function_level_import_is_found(tmp_path):
    """The load <-> translate cycle hid behind an import inside a function."""
    package = tmp_path / "curriculum" / "course"
    package.mkdir(parents=True)
    (package / "load.py").write_text("def f():\n    from .translate import t\n")
    (package / "translate.py").write_text("from .load import f\n")
    graph = import_graph(sorted(package.glob("*.py")), tmp_path)
    assert cycles(graph) == [["curriculum.course.load", "curriculum.course.translate"]]


LAYERS = sorted({p.relative_to(PACKAGE).parts[0] for p in LAYERED})


@pytest.mark.parametrize("layer", LAYERS)
def test_no_import_cycles_inside_a_layer(layer):
    graph = import_graph([p for p in LAYERED if p.relative_to(PACKAGE).parts[0] == layer])
    assert len(graph) > 1
    assert cycles(graph) == [], f"curriculum/{layer}: modules import each other round a loop"


def test_flat_modules_are_only_the_entry_points():
    """Every module lives in its layer's folder; only the package's doors are at the top."""
    flat = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert flat == ["__init__.py", "__main__.py"]


def test_widgets_hold_only_live_views():
    """State and grading live in curriculum.activities; a widget module only draws."""
    import ipywidgets as w

    import widgets

    names = [m.name for m in pkgutil.iter_modules(widgets.__path__)]
    assert names
    for name in names:
        module = __import__(f"widgets.{name}", fromlist=["_"])
        for cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and not issubclass(cls, Exception):
                assert issubclass(cls, w.Widget), f"widgets.{name}.{cls_name} is not a view"
        assert "emit" not in vars(module), f"widgets.{name} grades answers itself"
