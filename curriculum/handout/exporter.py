"""``HandoutExporter``: nbconvert's way in to the handouts (``--to handout``).

Registered under the ``nbconvert.exporters`` entry point, so
``jupyter nbconvert --to handout --HandoutExporter.audience=student lesson.ipynb`` works.
The template's ``conf.json`` lists the preprocessors that turn a lesson notebook into a
handout (``preprocessors/``); the template inlines its CSS and loads nothing from the
network (nbconvert's default HTML pulls require.js, MathJax and the widget manager from
CDNs).
"""

from __future__ import annotations

from pathlib import Path

from nbconvert.exporters.html import HTMLExporter
from traitlets import Any, Enum, Unicode, default

from curriculum.course.languages import LANGS, using_language
from curriculum.course.load import load_course
from curriculum.course.packaged import packaged_course
from curriculum.course.translate import translate_course

from .preprocessors.base import HandoutSettings

TEMPLATES = Path(__file__).parent / "templates"


class HandoutExporter(HTMLExporter):
    """A self-contained, print-ready student worksheet or educator guide for one lesson."""

    export_from_notebook = "Handout"

    audience = Enum(["student", "educator"], default_value="student",
                    help="Who the handout is for: 'student' (no answers) or 'educator' "
                         "(answer key and notes).").tag(config=True)
    content_dir = Unicode("", help="Course content folder (default: the packaged course)."
                          ).tag(config=True)
    course = Any(None, allow_none=True, help="A loaded Course to use instead of content_dir.")
    lang = Enum(list(LANGS), default_value="en",
                help="The handout's language: its content and every interface word.").tag(config=True)

    @default("template_name")
    def _template_name_default(self):
        return "handout"

    @default("extra_template_basedirs")
    def _default_extra_template_basedirs(self):
        return [str(TEMPLATES)]

    @default("exclude_anchor_links")
    def _exclude_anchor_links_default(self):
        return True

    def _course(self):
        if self.course is None:
            if self.content_dir:
                self.course = translate_course(load_course(Path(self.content_dir)), self.lang)[0]
            else:
                self.course = packaged_course(self.lang)
        return self.course

    def _init_resources(self, resources):
        """Hand the preprocessors the course, audience and language in ``resources["handout"]``,
        as ``SlidesExporter`` hands its settings over in ``resources["reveal"]``."""
        resources = super()._init_resources(resources)
        resources["handout"] = HandoutSettings({**resources.get("handout", {}), "course": self._course(),
                                                "audience": self.audience, "lang": self.lang})
        return resources

    def from_notebook_node(self, nb, resources=None, **kw):
        # the preprocessors and the template write interface words in the handout's language
        with using_language(self.lang):
            return super().from_notebook_node(nb, resources, **kw)
