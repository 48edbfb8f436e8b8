"""The declared chain of small steps that turns a lesson notebook into a handout.

Like nbgrader's release steps, each step does one thing to a notebook and can be tested
on an in-memory notebook (``nbformat.v4.new_notebook``). The chain ends with a notebook
holding only Markdown narrative and raw HTML cells; the template renders nothing else,
so code, prompts, outputs and widget state cannot reach a handout.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from nbformat import NotebookNode
from nbformat.v4 import new_raw_cell

from curriculum.course.model import Course
from curriculum.course.notebook_refs import RefError, cell_refs
from curriculum.present.strings import t

from . import sections
from .layouts import PaperContext, render_activity

HTML_MIME = "text/html"
HEADING = re.compile(r"^(#{1,6})\s", re.MULTILINE)
SECTION_REFS = ("intro", "summary")


class HandoutError(ValueError):
    """A notebook the handout cannot be built from (bad cell, unknown reference)."""


def html_cell(html: str, key: str, refs: list[str] | None = None) -> NotebookNode:
    """A raw HTML cell with a deterministic id (never a random one)."""
    cell = new_raw_cell(source=html, metadata={"raw_mimetype": HTML_MIME, "handout_refs": refs or []})
    cell["id"] = key
    return cell


@dataclass
class StripExecution:
    """Drop outputs, execution counts and widget state: nothing from a run may leak."""

    def __call__(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        nb = copy.deepcopy(nb)
        nb.metadata.pop("widgets", None)
        for cell in nb.cells:
            cell.metadata.pop("widgets", None)
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
        return nb, resources


@dataclass
class CollectRefs:
    """Read each code cell's ``show("<ref>")`` calls into ``metadata.handout_refs``."""

    def __call__(self, nb, resources):
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                try:
                    cell.metadata["handout_refs"] = cell_refs(cell.source)
                except RefError as exc:
                    raise HandoutError(f"cell {i}: {exc}") from None
        return nb, resources


def lesson_of(nb: NotebookNode, course: Course) -> str | None:
    """The lesson a notebook belongs to: the lesson part of its ``show`` references."""
    ids = []
    for cell in nb.cells:
        for ref in cell.metadata.get("handout_refs", []):
            if "/" in ref and ref.split("/", 1)[0] not in ids:
                ids.append(ref.split("/", 1)[0])
    if len(ids) > 1:
        raise HandoutError(f"the notebook shows parts of several lessons: {', '.join(ids)}")
    if ids and ids[0] not in course.lessons:
        raise HandoutError(f"no lesson {ids[0]!r} in the course (known: {', '.join(course.lessons)})")
    return ids[0] if ids else None


@dataclass
class FindLesson:
    """Name the notebook's lesson and the handout's title in ``resources['handout']``."""

    course: Course
    audience: str

    def __call__(self, nb, resources):
        lesson_id = lesson_of(nb, self.course)
        if lesson_id:
            title = self.course.lessons[lesson_id].title
        else:
            title = nb.metadata.get("title") or self.course.meta.title
        kind = t("handout_educator" if self.audience == "educator" else "handout_student")
        banner = t("handout_banner_educator", kind=kind) if self.audience == "educator" else kind
        if nb.metadata.get("curriculum_kit"):  # a page of the teacher's kit (handout/kit.py)
            kind = t("kit_kind")
            banner = t("kit_banner")
        resources.setdefault("handout", {}).update(
            lesson=lesson_id, audience=self.audience, kind=kind,
            title=t("handout_title", title=title, kind=kind), banner=banner)
        return nb, resources


@dataclass
class AssignHeadingLevels:
    """Give each code cell the heading level under the Markdown heading above it.

    An activity after ``## Quiz`` gets an ``h3`` title, so the page's heading order has
    no gaps whatever the notebook's structure.
    """

    def __call__(self, nb, resources):
        depth = 1
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                found = HEADING.findall(cell.source)
                if found:
                    depth = len(found[-1])
            elif cell.cell_type == "code":
                cell.metadata["handout_level"] = min(6, depth + 1)
        return nb, resources


@dataclass
class RenderActivities:
    """Replace each code cell by the static rendering of what it shows, for the audience.

    A code cell that shows nothing (``from widgets import show``) simply disappears.
    """

    course: Course
    audience: str

    def __call__(self, nb, resources):
        cells = []
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                cells.append(cell)
                continue
            level = cell.metadata.get("handout_level", 2)
            html = "".join(self.render(ref, level, i) for ref in cell.metadata.get("handout_refs", []))
            if html:
                cells.append(html_cell(html, f"handout-{i:02d}", cell.metadata.get("handout_refs")))
        nb.cells = cells
        return nb, resources

    def render(self, ref: str, level: int, index: int) -> str:
        course = self.course
        if ref == "support":
            return sections.support(course, level)
        if ref == "progress":
            return sections.progress_note()
        lesson_id, _, part = ref.partition("/")
        if lesson_id not in course.lessons or not part:
            raise HandoutError(f"cell {index}: show({ref!r}) names no lesson in the course "
                               f"(known: {', '.join(course.lessons)})")
        lesson = course.lessons[lesson_id]
        if part in SECTION_REFS:
            return getattr(sections, part)(course, lesson, level)
        if part not in lesson.activities:
            known = ", ".join([*SECTION_REFS, *lesson.activities])
            raise HandoutError(f"cell {index}: lesson {lesson_id!r} has no activity {part!r} "
                               f"(known: {known})")
        ctx = PaperContext(course, lesson, self.audience, level)
        return render_activity(ctx, lesson.activities[part])


@dataclass
class InsertEducatorNotes:
    """Educator guide only: the lesson plan and notes, right after the lesson's intro."""

    course: Course
    audience: str

    def __call__(self, nb, resources):
        lesson_id = resources.get("handout", {}).get("lesson")
        if self.audience != "educator" or not lesson_id:
            return nb, resources
        lesson = self.course.lessons[lesson_id]
        at = next((i + 1 for i, c in enumerate(nb.cells)
                   if f"{lesson_id}/intro" in c.metadata.get("handout_refs", [])), 1)
        lang = resources.get("handout", {}).get("lang", "en")
        nb.cells.insert(at, html_cell(sections.educator_notes(self.course, lesson, lang=lang),
                                      "handout-notes"))
        return nb, resources


@dataclass
class AppendSources:
    """Both audiences: the sources of what the handout shows, as a list of links at the end."""

    course: Course
    audience: str = "educator"

    def __call__(self, nb, resources):
        lesson_id = resources.get("handout", {}).get("lesson")
        if lesson_id:
            lesson = self.course.lessons[lesson_id]
            nb.cells.append(html_cell(sections.sources(self.course, lesson, audience=self.audience),
                                      "handout-sources"))
        return nb, resources


@dataclass
class KeepOnlyNarrative:
    """Last guard: only Markdown and raw HTML cells remain, with no leftover metadata."""

    def __call__(self, nb, resources):
        nb.cells = [c for c in nb.cells if c.cell_type == "markdown"
                    or (c.cell_type == "raw" and c.metadata.get("raw_mimetype") == HTML_MIME)]
        for c in nb.cells:
            c.metadata = {k: v for k, v in c.metadata.items() if k == "raw_mimetype"}
        nb.metadata = {k: v for k, v in nb.metadata.items() if k in ("kernelspec", "language_info")}
        return nb, resources


def handout_steps(course: Course, audience: str) -> list:
    """The chain, in order. Each step is ``(nb, resources) -> (nb, resources)``."""
    if audience not in ("student", "educator"):
        raise HandoutError(f"audience must be 'student' or 'educator', not {audience!r}")
    return [
        StripExecution(),
        CollectRefs(),
        FindLesson(course, audience),
        AssignHeadingLevels(),
        RenderActivities(course, audience),
        InsertEducatorNotes(course, audience),
        AppendSources(course, audience),
        KeepOnlyNarrative(),
    ]


def run_steps(nb: NotebookNode, course: Course, audience: str,
              resources: dict | None = None) -> tuple[NotebookNode, dict]:
    resources = resources if resources is not None else {}
    for step in handout_steps(course, audience):
        nb, resources = step(nb, resources)
    return nb, resources
