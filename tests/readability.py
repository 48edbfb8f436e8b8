"""How hard each lesson is to read, measured on exactly the text a student sees.

The course promises text a 14-year-old can read (Flesch-Kincaid grade 9 or less). A
promise like that drifts unless it is measured, so this module gathers a lesson's
student-facing text (its notebook's Markdown, the intro and summary, and every activity
string a learner reads) and scores it. Educator notes, source titles and ids are left
out: students never read them.

Each piece of text is scored as its own sentence. Titles, options and list items often
have no full stop, and without one the scorer would glue them into a single very long
"sentence" and report a grade no reader experiences.

It lives with the tests because it is a test's measure (``textstat`` is a test extra,
imported inside the function that needs it), not something the package does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from curriculum.course.model import Course, Lesson
from curriculum.course.packaged import NOTEBOOKS_DIR, packaged_course
from curriculum.course.walk import walk

_TERMINAL = (".", "!", "?")


def _sentence(text: str) -> str:
    """One unit of text as a sentence: whitespace collapsed, ending with punctuation."""
    text = " ".join(text.split()).removesuffix(":")
    if text and not text.endswith(_TERMINAL):
        text += "."
    return text


def model_text(obj: Any) -> Iterator[str]:
    """Every prose string in a content object, in field order (ids, links, enums left out)."""
    return (text for _path, text in walk(obj) if text.strip())


def _inline_text(tokens: list[dict[str, Any]]) -> str:
    out = []
    for tok in tokens:
        if "raw" in tok and tok["type"] in ("text", "codespan", "inline_html"):
            out.append(tok["raw"])
        elif tok["type"] in ("softbreak", "linebreak"):
            out.append(" ")
        elif "children" in tok:
            out.append(_inline_text(tok["children"]))
    return "".join(out)


def _blocks(tokens: list[dict[str, Any]]) -> Iterator[str]:
    """Headings, paragraphs and list items of a Markdown token tree, one string each."""
    for tok in tokens:
        kind = tok["type"]
        if kind in ("heading", "paragraph", "block_text"):
            yield _inline_text(tok.get("children", []))
        elif kind == "block_code":
            continue
        elif "children" in tok:
            yield from _blocks(tok["children"])


def markdown_text(source: str) -> list[str]:
    """The readable blocks of a Markdown cell (markup, link targets and code removed)."""
    import mistune  # comes with nbconvert, a core dependency

    tokens = mistune.create_markdown(renderer=None)(source)
    return [b for b in _blocks(tokens) if b.strip()]


def notebook_markdown(path: Path) -> list[str]:
    """The readable blocks of every Markdown cell of a notebook file."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    blocks: list[str] = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            source = cell["source"]
            blocks += markdown_text("".join(source) if isinstance(source, list) else source)
    return blocks


def lesson_text_units(lesson: Lesson, notebook: Path | None) -> list[str]:
    """All student-facing text of a lesson, one sentence-like unit per piece.

    Educator notes are excluded; so are sources (titles and links, not prose to read).
    """
    m = lesson.meta
    units = [m.title, *m.objectives, m.content_note, *m.summary]
    if notebook is not None:
        units += notebook_markdown(notebook)
    for activity in lesson.activities.values():
        units += list(model_text(activity))
    return [s for s in (_sentence(u) for u in units) if s]


def lesson_text(lesson: Lesson, notebook: Path | None) -> str:
    return " ".join(lesson_text_units(lesson, notebook))


def lesson_grades(course: Course | None = None,
                  notebooks_dir: Path | None = None) -> dict[str, float]:
    """Flesch-Kincaid grade of each lesson listed in course.yaml, in course order.

    A lesson whose notebook is missing raises FileNotFoundError: scoring only half a
    lesson would report a grade for text nobody reads as a whole.
    """
    import textstat

    course = course or packaged_course()
    notebooks_dir = notebooks_dir or NOTEBOOKS_DIR
    grades = {}
    for entry in course.meta.lessons:
        path = notebooks_dir / entry.notebook
        if not path.is_file():
            raise FileNotFoundError(f"{path}: notebook of lesson {entry.id!r} is missing")
        text = lesson_text(course.lessons[entry.id], path)
        grades[entry.id] = round(float(textstat.flesch_kincaid_grade(text)), 1)
    return grades


# -- Traditional Chinese ----------------------------------------------------------------------
#
# Chinese has no syllable-based grade like Flesch-Kincaid. The measure used here is sentence
# length in characters, the main factor of Chinese readability formulas (e.g. Yang's 1971
# formula and its successors count characters per sentence alongside character difficulty):
# a sentence ends at 。！？； or a line/item break, and its length counts Han characters,
# letters and digits (not punctuation or spaces). The course holds student text for a
# Secondary 2 reader to an average of at most ZH_MEAN_MAX and no sentence over ZH_SENTENCE_MAX.

ZH_MEAN_MAX = 22
ZH_SENTENCE_MAX = 45
_ZH_END = re.compile(r"[。！？；!?;]+")
_COUNTED = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]")


def zh_sentences(units: list[str]) -> list[str]:
    """Every sentence of the given text units (each unit ends a sentence too)."""
    out = []
    for unit in units:
        out += [s.strip() for s in _ZH_END.split(unit) if _COUNTED.search(s)]
    return out


def zh_length(sentence: str) -> int:
    return len(_COUNTED.findall(sentence))


def lesson_zh_sentences(course: Course, notebooks_dir: Path) -> dict[str, list[str]]:
    """Each lesson's student sentences in Chinese (``course`` already translated)."""
    out = {}
    for entry in course.meta.lessons:
        path = notebooks_dir / entry.notebook
        lesson = course.lessons[entry.id]
        m = lesson.meta
        units = [m.title, *m.objectives, m.content_note, *m.summary]
        units += notebook_markdown(path) if path.is_file() else []
        for activity in lesson.activities.values():
            units += list(model_text(activity))
        out[entry.id] = zh_sentences(units)
    return out
