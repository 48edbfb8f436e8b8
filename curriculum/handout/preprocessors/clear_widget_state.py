"""Drop saved widget state, which ``ClearOutputPreprocessor`` leaves in the metadata."""

from __future__ import annotations

from .base import CourseStep


class ClearWidgetState(CourseStep):
    """Remove ``widgets`` from the notebook's and every cell's metadata: nothing from a run
    may leak into a handout."""

    def preprocess(self, nb, resources):
        nb.metadata.pop("widgets", None)
        for cell in nb.cells:
            cell.metadata.pop("widgets", None)
        return nb, resources
