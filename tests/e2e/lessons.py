"""What each lesson notebook shows, read from the notebooks and the content data.

The browser tests are generated from this, never from a hand-kept list: a lesson or an
activity added by someone else is tested as soon as it exists.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from curriculum.course.notebook_refs import cell_refs
from curriculum.course.packaged import packaged_course
from tests.support import ROOT
from widgets.registry import SECTIONS, VIEWS, parse_ref

NOTEBOOKS = ROOT / "notebooks"


@dataclass(frozen=True)
class ShowCell:
    """A code cell that shows part of the course."""

    index: int          # position among all cells of the notebook
    ref: str            # e.g. "01-history/quiz"
    kind: str | None    # activity kind, or None for intro/summary/support/progress
    widget: bool        # True: an ipywidgets view; False: static HTML

    @property
    def activity(self) -> str | None:
        return self.ref.partition("/")[2] or None


@dataclass(frozen=True)
class LessonNotebook:
    path: Path
    lesson_id: str
    cells: tuple[ShowCell, ...]
    lang: str = "en"

    @property
    def name(self) -> str:
        """The notebook's path under notebooks/ (the Chinese ones sit in zh-Hant-HK/)."""
        return self.path.relative_to(NOTEBOOKS).as_posix()

    def activities(self, kind: str | None = None) -> list[ShowCell]:
        return [c for c in self.cells if c.kind is not None and (kind is None or c.kind == kind)]


def _show_cell(index: int, ref: str, course) -> ShowCell:
    lesson_id, part = parse_ref(ref)
    if part is None:  # "support" is HTML; "progress" is a widget
        return ShowCell(index, ref, None, lesson_id == "progress")
    if part in SECTIONS:
        return ShowCell(index, ref, None, False)
    kind = course.lessons[lesson_id].activities[part].kind
    return ShowCell(index, ref, kind, not VIEWS[kind].startswith("widgets.static:"))


def lesson_notebooks(course=None) -> list[LessonNotebook]:
    """Every lesson notebook in every language: English first, then each translation."""
    from curriculum.course.languages import LANGS

    course = course or packaged_course()
    found = []
    for lang in LANGS:
        folder = NOTEBOOKS if lang == "en" else NOTEBOOKS / lang
        for path in sorted(folder.glob("[0-9][0-9]-*.ipynb")):
            nb = json.loads(path.read_text(encoding="utf-8"))
            cells = []
            for i, cell in enumerate(nb["cells"]):
                if cell["cell_type"] == "code":
                    cells.extend(_show_cell(i, ref, course) for ref in cell_refs(cell["source"]))
            found.append(LessonNotebook(path, path.stem, tuple(cells), lang))
    return found
