"""Find what a notebook shows: the ``show("<ref>")`` calls in its code cells.

This is the one-source join between a lesson notebook and its content data. The live
notebook runs ``show("01-history/quiz")``; the handout exporter and the notebook tests
read the same string here, by parsing the cell as Python (``ast``), so a handout always
contains exactly the activities the live lesson shows, in the same place. Nothing is
executed: a notebook is read, never run, to make its handouts.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any


class RefError(ValueError):
    """A code cell that cannot be read as Python, so its references are unknown."""


def cell_refs(source: str | list[str]) -> list[str]:
    """Every string constant passed as the first argument of ``show(...)`` in one cell."""
    text = "".join(source) if isinstance(source, list) else source
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        raise RefError(f"code cell is not valid Python (line {exc.lineno}: {exc.msg})") from None
    refs = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "show"
                and node.args and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)):
            refs.append((node.lineno, node.col_offset, node.args[0].value))
    return [ref for _line, _col, ref in sorted(refs)]


def notebook_refs(nb: Any) -> list[str]:
    """Every ``show`` reference in a notebook (a dict or NotebookNode), in cell order."""
    refs: list[str] = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            refs.extend(cell_refs(cell["source"]))
    return refs


def show_refs(nb_path: Path) -> list[str]:
    """Every string passed to show(...) in the code cells of the notebook at ``nb_path``."""
    return notebook_refs(json.loads(Path(nb_path).read_text(encoding="utf-8")))
