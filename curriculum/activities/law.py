"""Law explorer: which situation the learner has opened, recorded as ungraded attempts.

There is no wrong answer to "what if...", so each opening is emitted as an ungraded
attempt (it counts for completion, not for a score).
"""

from __future__ import annotations

from curriculum.course.model import LawExplorer, LawSituation

from .attempts import Attempt, SaveOutcome, emit


class LawModel:
    """Which situation is open; each opening is emitted as an ungraded attempt."""

    def __init__(self, activity: LawExplorer, lesson_id: str = ""):
        self.activity = activity
        self.lesson_id = lesson_id
        self._situations = {s.id: s for s in activity.situations}
        self.selected: LawSituation | None = None
        # what became of the latest answer handed to the recorders (None before any)
        self.last_save: SaveOutcome | None = None

    @property
    def situations(self) -> list[LawSituation]:
        return list(self.activity.situations)

    def select(self, situation_id: str) -> LawSituation:
        try:
            situation = self._situations[situation_id]
        except KeyError:
            raise KeyError(f"activity {self.activity.id!r} has no situation "
                           f"{situation_id!r}") from None
        self.selected = situation
        self.last_save = emit(Attempt(self.lesson_id, self.activity.id, self.activity.kind,
                                      situation_id, (situation_id,), None))
        return situation
