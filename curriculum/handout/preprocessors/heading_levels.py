"""Fit each activity's title into the page's heading outline."""

from __future__ import annotations

import re

from traitlets import Int

from .base import CourseStep

HEADING = re.compile(r"^(#{1,6})\s", re.MULTILINE)


class AssignHeadingLevels(CourseStep):
    """Give each code cell the heading level under the Markdown heading above it.

    An activity after ``## Quiz`` gets an ``h3`` title, so the page's heading order has
    no gaps whatever the notebook's structure.
    """

    deepest = Int(6, min=1, max=6,
                  help="The deepest heading level an activity's title may take.").tag(config=True)

    def preprocess(self, nb, resources):
        depth = 1
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                found = HEADING.findall(cell.source)
                if found:
                    depth = len(found[-1])
            elif cell.cell_type == "code":
                cell.metadata["handout_level"] = min(self.deepest, depth + 1)
        return nb, resources
