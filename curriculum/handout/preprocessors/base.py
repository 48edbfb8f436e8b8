"""What the handout preprocessors share: their error, and where they find course and audience."""

from __future__ import annotations

import copy

from nbconvert.preprocessors import Preprocessor
from traitlets.config.loader import DeferredConfig

from curriculum.course.model import Course


class HandoutError(ValueError):
    """A notebook the handout cannot be built from (bad cell, unknown reference)."""


class HandoutSettings(dict):
    """``resources["handout"]``: the course, the audience, the language, and what the
    preprocessors add (the lesson, the title).

    nbconvert deep-copies the resources before the preprocessors run
    (``Exporter._preprocess``). The course is read-only and large: copying it for every
    export took a quarter of a whole handout build, so a copy of these settings shares it.
    """

    def __deepcopy__(self, memo):
        return HandoutSettings({key: value if key == "course" else copy.deepcopy(value, memo)
                                for key, value in self.items()})


class CourseStep(Preprocessor):
    """A preprocessor of this package, configurable from the command line like nbconvert's own.

    ``jupyter nbconvert`` knows only its own classes, so it keeps a setting such as
    ``--InsertEducatorNotes.enabled=False`` as unparsed text, and the template's chain
    (``TemplateExporter._init_preprocessors``) passes that text on as a keyword: each one is
    parsed here by the trait it sets, as traitlets does for a class it knows.
    """

    def __init__(self, **kw):
        traits = self.class_traits()
        for name, value in kw.items():
            if isinstance(value, DeferredConfig) and name in traits:
                kw[name] = value.get_value(traits[name])
        super().__init__(**kw)


class HandoutPreprocessor(CourseStep):
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
