"""Put the lesson plan and notes into the educator guide."""

from __future__ import annotations

from .. import sections
from ..cells import html_cell
from .base import HandoutPreprocessor


class InsertEducatorNotes(HandoutPreprocessor):
    """Educator guide only: the lesson plan and notes, right after the lesson's intro."""

    def preprocess(self, nb, resources):
        handout = self.handout(resources)
        course, lesson_id = handout["course"], handout.get("lesson")
        if handout["audience"] != "educator" or not lesson_id:
            return nb, resources
        lesson = course.lessons[lesson_id]
        at = next((i + 1 for i, c in enumerate(nb.cells)
                   if f"{lesson_id}/intro" in c.metadata.get("handout_refs", [])), 1)
        notes = sections.educator_notes(course, lesson, lang=handout.get("lang", "en"))
        nb.cells.insert(at, html_cell(notes, "handout-notes"))
        return nb, resources
