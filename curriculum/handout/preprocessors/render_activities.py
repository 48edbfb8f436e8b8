"""Print what each code cell shows, as static HTML for the handout's audience."""

from __future__ import annotations

from curriculum.course.model import Course

from .. import sections
from ..cells import html_cell
from ..layouts import PaperContext, render_activity
from .base import HandoutError, HandoutPreprocessor

SECTION_REFS = ("intro", "summary")


class RenderActivities(HandoutPreprocessor):
    """Replace each code cell by the static rendering of what it shows, for the audience.

    A code cell that shows nothing (``from widgets import show``) simply disappears.
    """

    def preprocess(self, nb, resources):
        handout = self.handout(resources)
        course, audience = handout["course"], handout["audience"]
        cells = []
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                cells.append(cell)
                continue
            level = cell.metadata.get("handout_level", 2)
            html = "".join(render(course, audience, ref, level, i)
                           for ref in cell.metadata.get("handout_refs", []))
            if html:
                cells.append(html_cell(html, f"handout-{i:02d}", cell.metadata.get("handout_refs")))
        nb.cells = cells
        return nb, resources


def render(course: Course, audience: str, ref: str, level: int, index: int) -> str:
    """The HTML of one ``show(ref)`` in cell ``index``, its headings at ``level``."""
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
    return render_activity(PaperContext(course, lesson, audience, level), lesson.activities[part])
