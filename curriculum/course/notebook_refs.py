"""Find what a notebook shows: the ``show("<ref>")`` calls in its code cells.

This is the one-source join between a lesson notebook and its content data. The live
notebook runs ``show("01-history/quiz")``; the handout exporter and the notebook tests
read the same string here, by parsing the cell as Python (``ast``), so a handout always
contains exactly the activities the live lesson shows, in the same place. Nothing is
executed: a notebook is read, never run, to make its handouts.

``read_notebook`` is how the course reads a notebook file at all: whatever the file
holds, it ends in the notebook's JSON or in one located ``NotebookProblem``.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

from .files import FileProblem, read_text

# A notebook nests a dozen levels at most (widget state included); a structure far deeper
# would exhaust the stack of whatever walks it next (copying, validating, exporting).
MAX_DEPTH = 100
MAX_NUMBER_LENGTH = 100


class RefError(ValueError):
    """A code cell that cannot be read as Python, so its references are unknown."""


class NotebookProblem(FileProblem):
    """A notebook file that cannot be read as a notebook; the message says why."""


def _bounded_int(text: str) -> int:
    if len(text) > MAX_NUMBER_LENGTH:
        raise ValueError(f"a number {len(text)} digits long")
    return int(text)


def _too_deep(value: Any) -> bool:
    todo = [(value, 1)]
    while todo:
        item, depth = todo.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(item, dict):
            todo.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            todo.extend((v, depth + 1) for v in item)
    return False


def _shape_problem(nb: Any) -> str | None:
    """What keeps ``nb`` from being a notebook the course can walk, or None."""
    if not isinstance(nb, dict):
        return "a notebook is a JSON object"
    if not isinstance(nb.get("metadata", {}), dict):
        return "metadata must be a JSON object"
    cells = nb.get("cells")
    if not isinstance(cells, list):
        return "a notebook needs a list of cells ('cells')"
    for i, cell in enumerate(cells):
        source = cell.get("source") if isinstance(cell, dict) else None
        if not (isinstance(cell, dict) and isinstance(cell.get("cell_type"), str)
                and isinstance(cell.get("metadata", {}), dict)
                and (isinstance(source, str) or (isinstance(source, list)
                                                 and all(isinstance(x, str) for x in source)))):
            return f"cells[{i}] is not a cell (cell_type, metadata and source text)"
    return None


def read_notebook(path: Path | str, follow_links: bool = True) -> dict:
    """The JSON of the notebook at ``path``, its cells checked; ``NotebookProblem`` if not.

    Read as a regular file of bounded size (``files.read_text``), parsed with numbers and
    nesting bounded, so a damaged or hostile file is a message, never a hang or a
    traceback. The message never quotes the file.
    """
    try:
        text = read_text(path, follow_links=follow_links)
    except FileProblem as exc:
        raise NotebookProblem(exc.message, exc.line, exc.column) from None
    try:
        nb = json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise NotebookProblem(f"not valid JSON ({exc.msg}, column {exc.colno})", exc.lineno,
                              exc.colno) from None
    except ValueError as exc:
        raise NotebookProblem(f"not a notebook: {exc}") from None
    except (RecursionError, MemoryError):
        raise NotebookProblem("nested too deeply to be a notebook") from None
    if _too_deep(nb):
        raise NotebookProblem(f"nested more than {MAX_DEPTH} levels deep: not a notebook")
    why = _shape_problem(nb)
    if why:
        raise NotebookProblem(why)
    return nb


def cell_refs(source: str | list[str]) -> list[str]:
    """Every string constant passed as the first argument of ``show(...)`` in one cell."""
    text = "".join(source) if isinstance(source, list) else source
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        where = f"line {exc.lineno}: " if exc.lineno else ""
        raise RefError(f"code cell is not valid Python ({where}{exc.msg})") from None
    except (ValueError, RecursionError, MemoryError):  # a NUL byte; nesting past the parser
        raise RefError("code cell is not valid Python (a NUL byte, or nested too deeply)") \
            from None
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
    return notebook_refs(read_notebook(nb_path))
