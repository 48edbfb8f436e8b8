"""The last guard before the template: only narrative and the chain's own HTML remain."""

from __future__ import annotations

from ..cells import HTML_MIME
from .base import CourseStep


class KeepOnlyNarrative(CourseStep):
    """Keep only Markdown and raw HTML cells, with no leftover metadata."""

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if c.cell_type == "markdown"
                    or (c.cell_type == "raw" and c.metadata.get("raw_mimetype") == HTML_MIME)]
        for c in nb.cells:
            c.metadata = {k: v for k, v in c.metadata.items() if k == "raw_mimetype"}
        nb.metadata = {k: v for k, v in nb.metadata.items() if k in ("kernelspec", "language_info")}
        return nb, resources
