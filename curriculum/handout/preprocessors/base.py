"""What the handout preprocessors share: their error, and where they find course and audience."""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor

from curriculum.course.model import Course


class HandoutError(ValueError):
    """A notebook the handout cannot be built from (bad cell, unknown reference)."""


class HandoutPreprocessor(Preprocessor):
    """A preprocessor that needs the course and the audience.

    It reads them from ``resources["handout"]``, where ``HandoutExporter`` puts them (as
    ``SlidesExporter`` puts its settings in ``resources["reveal"]``), so one instance
    serves every export.
    """

    @staticmethod
    def handout(resources: dict) -> dict:
        """``resources["handout"]``, refused unless it names a course and a known audience."""
        handout = resources.get("handout") or {}
        audience = handout.get("audience")
        if audience not in ("student", "educator"):
            raise HandoutError(f"audience must be 'student' or 'educator', not {audience!r}")
        if not isinstance(handout.get("course"), Course):
            raise HandoutError("resources['handout']['course'] is not a Course: "
                               "run the chain through HandoutExporter")
        return handout
