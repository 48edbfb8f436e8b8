"""Completion and score per lesson, from a list of answers: one rule for learner and class.

The "My progress" view and the class report must agree on what "done" means, so both
call ``summarise``. A quiz counts each question; every other activity that records
answers counts once (tried when it has any answer). Only the latest answer to an item
counts, and the score is the share of graded items whose latest answer is right.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .model import Course

# Activity kinds that record no answers, so they are not part of completion.
UNRECORDED_KINDS = frozenset({"timeline", "facts"})


@dataclass(frozen=True)
class LessonProgress:
    lesson: str
    title: str
    units: int
    tried: int
    graded: int
    correct: int

    @property
    def completion(self) -> float:
        return self.tried / self.units if self.units else 0.0

    @property
    def score(self) -> float | None:
        """Share right among graded items tried; None before any graded answer."""
        return self.correct / self.graded if self.graded else None


def lesson_units(course: Course) -> dict[str, list[tuple[str, str | None]]]:
    """Per lesson, what must be tried: (activity, question) for quizzes, (activity, None) else."""
    out: dict[str, list[tuple[str, str | None]]] = {}
    for entry in course.meta.lessons:
        units: list[tuple[str, str | None]] = []
        for act in course.lessons[entry.id].activities.values():
            if act.kind == "quiz":
                units.extend((act.id, q.id) for q in act.questions)
            elif act.kind not in UNRECORDED_KINDS:
                units.append((act.id, None))
        out[entry.id] = units
    return out


def summarise(attempts: Iterable[Any], course: Course,
              units: dict[str, list[tuple[str, str | None]]] | None = None) -> list[LessonProgress]:
    """One ``LessonProgress`` per course lesson, in course order. Attempts come oldest first."""
    units = units if units is not None else lesson_units(course)
    latest: dict[tuple[str, str, str | None], bool | None] = {}
    graded_latest: dict[tuple[str, str, str | None], bool] = {}
    for a in attempts:
        lesson, activity, item, correct = a.lesson, a.activity, a.item, a.correct
        for key in ((lesson, activity, item), (lesson, activity, None)):
            latest[key] = correct
            if correct is not None:
                graded_latest[key] = bool(correct)
    out = []
    for entry in course.meta.lessons:
        lid = entry.id
        u = units.get(lid, [])
        tried = sum(1 for act, item in u if (lid, act, item) in latest)
        graded = [graded_latest[(lid, act, item)] for act, item in u if (lid, act, item) in graded_latest]
        out.append(LessonProgress(lid, course.lessons[lid].title, len(u), tried, len(graded),
                                  sum(graded)))
    return out
