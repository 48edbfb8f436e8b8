"""Reflection: the learner writes their own answer ("my plan if...") and saves it.

There is nothing to grade, so ``ReflectionModel`` only holds the text per prompt and,
on save, emits each non-empty answer as an ungraded ``Attempt``. Where it goes is up to
whoever listens (local progress storage on the learner's own machine); this module
never sends it anywhere. The view shows the activity's privacy note next to the boxes,
so the learner knows where their words stay before they type them.
"""

from __future__ import annotations

import ipywidgets as w

from curriculum import html as h
from curriculum.model import Course, Lesson, Reflection

from .attempts import Attempt, emit
from .style import style_tag


class ReflectionModel:
    """The learner's text for each prompt, and whether the latest text has been saved."""

    def __init__(self, activity: Reflection, lesson_id: str = ""):
        self.activity = activity
        self.lesson_id = lesson_id
        self.texts: list[str] = ["" for _ in activity.prompts]
        self.saves = 0
        self.saved = False

    @property
    def prompts(self) -> list[str]:
        return list(self.activity.prompts)

    @staticmethod
    def item_id(index: int) -> str:
        return f"prompt-{index + 1}"

    def set_text(self, index: int, text: str) -> None:
        if not 0 <= index < len(self.texts):
            raise IndexError(f"activity {self.activity.id!r} has prompts 0-{len(self.texts) - 1}, "
                             f"not {index}")
        if text != self.texts[index]:
            self.texts[index] = text
            self.saved = False

    @property
    def has_text(self) -> bool:
        return any(t.strip() for t in self.texts)

    def save(self) -> list[Attempt]:
        """Emit every non-empty answer (ungraded); refuse when nothing is written."""
        if not self.has_text:
            raise ValueError("write something first, then save")
        self.saves += 1
        attempts = [Attempt(self.lesson_id, self.activity.id, self.item_id(i), (text.strip(),),
                            None, self.saves)
                    for i, text in enumerate(self.texts) if text.strip()]
        for attempt in attempts:
            emit(attempt)
        self.saved = True
        return attempts


class ReflectionView(w.VBox):
    """A text box per prompt, the privacy note, a Save button and a saved/not-saved status."""

    def __init__(self, course: Course, lesson: Lesson, activity: Reflection):
        self.model = ReflectionModel(activity, lesson.id)
        header = w.HTML(style_tag() + f"<h3>{h.esc(activity.title)}</h3>"
                        f"<p>{h.esc(activity.instructions)}</p>")
        privacy = w.HTML(f'<div class="csc-note" role="note"><strong>Your privacy.</strong> '
                         f"{h.esc(activity.privacy_note)}</div>")
        self.boxes: list[w.Textarea] = []
        rows = []
        for i, prompt in enumerate(activity.prompts):
            label = w.HTML(f"<h4>{i + 1}. {h.esc(prompt)}</h4>")
            box = w.Textarea(value="", placeholder="Write your answer here",
                             description=f"Answer {i + 1}", rows=4,
                             layout=w.Layout(width="min(640px, 100%)"))
            box.observe(lambda change, i=i: self._on_text(i, change["new"]), names="value")
            self.boxes.append(box)
            rows.append(w.VBox([label, box]))
        self.save = w.Button(description="Save", button_style="primary", disabled=True,
                             tooltip="Save your answers")
        self.save.on_click(self._on_save)
        self.status = w.HTML("")
        super().__init__([header, privacy, *rows, w.HBox([self.save, self.status])])
        self.add_class("csc-reflection")

    def _on_text(self, index: int, text: str) -> None:
        self.model.set_text(index, text)
        self.save.disabled = not self.model.has_text
        if self.model.saves:
            self.status.value = '<span role="status">Changes not saved yet.</span>'

    def _on_save(self, _btn=None) -> None:
        self.model.save()
        self.status.value = '<span role="status" class="csc-score">✓ Saved</span>'
