"""Reflection: the learner writes their own answer ("my plan if...") and saves it.

There is nothing to grade, so ``ReflectionModel`` only holds the text per prompt and, on
save, emits each non-empty answer as an ungraded ``Attempt``. Where it goes is up to
whoever listens (the learner's own progress file); this module never sends it anywhere.
A save counts as done only when no recorder failed: after a failed save ``saved`` stays
False, so the view keeps saying the changes are not saved.
"""

from __future__ import annotations

from curriculum.course.model import Reflection

from .attempts import Attempt, SaveOutcome, emit


class ReflectionModel:
    """The learner's text for each prompt, and whether the latest text has been saved."""

    def __init__(self, activity: Reflection, lesson_id: str = ""):
        self.activity = activity
        self.lesson_id = lesson_id
        self.texts: list[str] = ["" for _ in activity.prompts]
        self.saved = False
        # what became of the latest save (None before any): failed, saved, or nothing to save
        self.last_save: SaveOutcome | None = None

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
        """Emit every non-empty answer (ungraded); refuse when nothing is written.

        ``saved`` becomes True only if no recorder failed (with no recorder listening
        there is nothing left to save); ``last_save`` says which it was.
        """
        if not self.has_text:
            raise ValueError("write something first, then save")
        attempts = [Attempt(self.lesson_id, self.activity.id, self.activity.kind, self.item_id(i),
                            (text.strip(),), None)
                    for i, text in enumerate(self.texts) if text.strip()]
        self.last_save = SaveOutcome.combine(emit(attempt) for attempt in attempts)
        self.saved = not self.last_save.failed
        return attempts
