"""Read what each code cell shows, so later steps can render it without running anything."""

from __future__ import annotations

from curriculum.course.notebook_refs import RefError, cell_refs

from .base import CourseStep, HandoutError


class CollectRefs(CourseStep):
    """Read each code cell's ``show("<ref>")`` calls into ``metadata.handout_refs``."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            try:
                cell.metadata["handout_refs"] = cell_refs(cell.source)
            except RefError as exc:
                raise HandoutError(f"cell {index}: {exc}") from None
        return cell, resources
