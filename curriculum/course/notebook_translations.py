"""A lesson notebook in another language: the same cells, its own words, kept in step.

``notebooks/<lang>/<name>.ipynb`` mirrors ``notebooks/<name>.ipynb`` cell for cell. Code
cells are the English ones plus the language choice (``use_language("<lang>")`` in the
first code cell), so both show exactly the same activities; Markdown cells hold the
translation, each with the fingerprint of the English cell it was made from in its
metadata (``translation.en``). The checker names every Markdown cell still in English,
every cell whose English changed after it was translated, and any difference in the
cells themselves.
"""

from __future__ import annotations

import copy
import hashlib
import re
from pathlib import Path

from .files import FileProblem, path_inside
from .notebook_refs import read_notebook
from .problems import Problem

LANGUAGE_CALL = re.compile(r"^\s*use_language\(.*\)\s*$")


def fingerprint(text: str | list[str]) -> str:
    """A short fingerprint of an English cell's text."""
    text = "".join(text) if isinstance(text, list) else text
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def translated_path(en_path: Path, lang: str) -> Path:
    return en_path.parent / lang / en_path.name


def _mapping(value: object) -> dict:
    """``value`` if it is a mapping, else an empty one: metadata a person may have broken."""
    return value if isinstance(value, dict) else {}


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def without_language_choice(source: str) -> str:
    """A code cell with the language choice taken out (what must match the English)."""
    lines = [ln.replace("from widgets import show, use_language", "from widgets import show")
             for ln in source.splitlines() if not LANGUAGE_CALL.match(ln)]
    return "\n".join(ln for ln in lines if ln.strip())


def with_language_choice(source: str, lang: str) -> str:
    """The English first code cell with the language chosen right after the import."""
    head, sep, rest = source.partition("from widgets import show")
    if not sep:
        return f'from widgets import show, use_language\n\nuse_language("{lang}")\n' + source
    return (f'{head}from widgets import show, use_language\n\nuse_language("{lang}")'
            + rest.replace("\n\n", "\n", 1))


def skeleton(en_nb: dict, lang: str) -> dict:
    """A new translated notebook: the English cells with fingerprints and the language choice.

    The Markdown still reads in English; the checker lists each cell to translate.
    """
    nb = copy.deepcopy(en_nb)
    nb.setdefault("metadata", {})["curriculum"] = {"lang": lang}
    first_code = True
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            cell.setdefault("metadata", {})["translation"] = {"en": fingerprint(cell["source"])}
        elif cell["cell_type"] == "code" and first_code:
            first_code = False
            cell["source"] = with_language_choice(_source(cell), lang)
    return nb


def notebook_problems(en_path: Path, lang: str) -> list[Problem]:
    """Everything that keeps the translated notebook of ``en_path`` out of step with it."""
    tr_path = translated_path(en_path, lang)
    if not tr_path.exists():
        return [Problem(str(tr_path), None, "(file)",
                                   f"no {lang} notebook for {en_path.name} (python -m curriculum "
                                   f"translations notebook --lang {lang} makes one)")]
    notebooks = {}
    for path in (en_path, tr_path):
        try:  # a link out of the notebooks folder is named, not followed
            path_inside(en_path.parent, path.relative_to(en_path.parent))
            notebooks[path] = read_notebook(path)
        except FileProblem as exc:
            return [Problem(str(path), exc.line, "(file)", exc.message)]
    en, tr = notebooks[en_path], notebooks[tr_path]
    out: list[Problem] = []

    def problem(i: int | None, message: str) -> None:
        out.append(Problem(str(tr_path), None, f"cells[{i}]" if i is not None else
                                      "(file)", message))

    if _mapping(_mapping(tr.get("metadata")).get("curriculum")).get("lang") != lang:
        problem(None, f'metadata.curriculum.lang must be "{lang}"')
    en_cells, tr_cells = en["cells"], tr["cells"]
    if [c["cell_type"] for c in en_cells] != [c["cell_type"] for c in tr_cells]:
        problem(None, f"the cells differ from {en_path.name}'s ({len(tr_cells)} against "
                      f"{len(en_cells)}, or of other kinds): keep the same cells in the same order")
        return out
    code_seen = False
    for i, (e, t) in enumerate(zip(en_cells, tr_cells, strict=True)):
        if e["cell_type"] == "code":
            if without_language_choice(_source(t)) != without_language_choice(_source(e)):
                problem(i, f"code differs from {en_path.name}: only the language choice may")
            if not code_seen and f'use_language("{lang}")' not in _source(t):
                problem(i, f'the first code cell must choose the language: use_language("{lang}")')
            code_seen = True
            if _mapping(t.get("metadata")).get("jupyter") != _mapping(e.get("metadata")).get("jupyter"):
                problem(i, "cell metadata 'jupyter' differs from the English cell's")
        elif e["cell_type"] == "markdown":
            made_from = _mapping(_mapping(t.get("metadata")).get("translation")).get("en")
            if _source(t).strip() == _source(e).strip():
                problem(i, f"no {lang} translation (the cell is the English text)")
            elif made_from != fingerprint(e["source"]):
                problem(i, "stale: the English cell changed after this was translated")
    return out
