"""Live reflection: a text box per prompt, the privacy note, Save and a saved status.

A thin ipywidgets layer over ``curriculum.activities.reflection.ReflectionModel``; the
prompts, privacy note and status come from ``curriculum.present.reflection``. "✓ Saved"
is shown only after a save no recorder failed; a failed one says why, every time.
"""

from __future__ import annotations

import ipywidgets as w

from curriculum.activities.reflection import ReflectionModel
from curriculum.course.model import Course, Lesson, Reflection
from curriculum.present import reflection as present
from curriculum.present.html import activity_header
from curriculum.present.strings import t

from .language import KeepsLanguage, in_view_language
from .saving import SaveNotice
from .style import style_tag


class ReflectionView(KeepsLanguage, w.VBox):
    """A text box per prompt, the privacy note, a Save button and a saved/not-saved status."""

    def __init__(self, course: Course, lesson: Lesson, activity: Reflection):
        self.model = ReflectionModel(activity, lesson.id)
        header = w.HTML(style_tag() + activity_header(activity, 3))
        privacy = w.HTML(present.privacy_html(activity))
        self.boxes: list[w.Textarea] = []
        rows = []
        for i, prompt in enumerate(activity.prompts):
            label = w.HTML(present.prompt_html(i + 1, prompt))
            box = w.Textarea(value="", placeholder=t("reflection_placeholder"),
                             description=t("reflection_answer", number=i + 1), rows=4,
                             layout=w.Layout(width="min(640px, 100%)"))
            box.observe(lambda change, i=i: self._on_text(i, change["new"]), names="value")
            self.boxes.append(box)
            rows.append(w.VBox([label, box]))
        self.save = w.Button(description=t("save"), button_style="primary", disabled=True,
                             tooltip=t("reflection_save_tip"))
        self.save.on_click(self._on_save)
        self.status = w.HTML("")
        self.save_notice = SaveNotice("reflection")
        super().__init__([header, privacy, *rows, w.HBox([self.save, self.status]),
                          self.save_notice])
        self.add_class("csc-reflection")

    @in_view_language
    def _on_text(self, index: int, text: str) -> None:
        self.model.set_text(index, text)
        self.save.disabled = not self.model.has_text
        self.status.value = present.status_html(self.model)

    @in_view_language
    def _on_save(self, _btn=None) -> None:
        self.model.save()
        self.status.value = present.status_html(self.model)
        self.save_notice.show(self.model.last_save)
