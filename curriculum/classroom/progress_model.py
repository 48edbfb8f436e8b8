"""My progress, read: the learner's completion and score per lesson, from their own store.

The rows are ``LessonProgress`` (``classroom.completion``, the rule the class report
uses too); drawing them is ``present.progress``'s job and the controls are
``widgets.progress_view``'s, so tests read a learner's progress with neither.
"""

from __future__ import annotations

from curriculum.course.model import Course

from .completion import LessonProgress, summarise
from .progress_rows import DamagedRow
from .store import ProgressStore


class ProgressModel:
    """The learner's progress per lesson, read fresh from their store on ``refresh``."""

    def __init__(self, course: Course, store: ProgressStore):
        self.course, self.store = course, store
        self.rows: list[LessonProgress] = []
        self.damaged: list[DamagedRow] = []  # rows the store could not use
        self.refresh()

    def refresh(self) -> list[LessonProgress]:
        self.rows = summarise(self.store.attempts(), self.course)
        self.damaged = list(self.store.damaged_rows())
        return self.rows

    @property
    def pseudonym(self) -> str:
        return self.store.pseudonym

    def set_pseudonym(self, name: str) -> str:
        """Change the name shown on hand-ins; raises ValueError with a readable reason."""
        return self.store.set_pseudonym(name)

    @property
    def answered(self) -> int:
        return self.store.count()
