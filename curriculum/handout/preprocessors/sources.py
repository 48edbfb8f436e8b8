"""End every handout with the sources of what it shows."""

from __future__ import annotations

from .. import sections
from ..cells import html_cell
from .base import HandoutPreprocessor


class AppendSources(HandoutPreprocessor):
    """Both audiences: the sources of what the handout shows, as a list of links at the end."""

    def preprocess(self, nb, resources):
        handout = self.handout(resources)
        course, lesson_id = handout["course"], handout.get("lesson")
        if lesson_id:
            lesson = course.lessons[lesson_id]
            nb.cells.append(html_cell(sections.sources(course, lesson, audience=handout["audience"]),
                                      "handout-sources"))
        return nb, resources
