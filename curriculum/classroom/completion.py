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

from curriculum.course.model import Course

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


UnitKey = tuple[str, str, str | None]


def lesson_units(course: Course) -> dict[str, list[UnitKey]]:
    """Per lesson, what must be tried: ``(lesson, activity, question)`` for each quiz question,
    ``(lesson, activity, None)`` for every other activity that records answers."""
    out: dict[str, list[UnitKey]] = {}
    for entry in course.meta.lessons:
        lid = entry.id
        units: list[UnitKey] = []
        for act in course.lessons[lid].activities.values():
            if act.kind == "quiz":
                units.extend((lid, act.id, q.id) for q in act.questions)
            elif act.kind not in UNRECORDED_KINDS:
                units.append((lid, act.id, None))
        out[lid] = units
    return out


class ItemStates:
    """The latest answer state of every item: all completion needs from a history of attempts.

    A class report reads hundreds of thousands of attempts; keeping this (a few dozen keys
    per learner) instead of the attempts themselves is what keeps it small and fast. Keys
    are ``(lesson, activity, item)`` and, for "tried at all", ``(lesson, activity, None)``.
    """

    __slots__ = ("latest", "graded")

    def __init__(self) -> None:
        self.latest: dict[UnitKey, bool | None] = {}
        self.graded: dict[UnitKey, bool] = {}

    def add(self, item_key: UnitKey, activity_key: UnitKey, correct: bool | None) -> None:
        """One answer, given after every answer added before it."""
        self.latest[item_key] = self.latest[activity_key] = correct
        if correct is not None:
            self.graded[item_key] = self.graded[activity_key] = bool(correct)


def progress_from_states(states: ItemStates, course: Course,
                         units: dict[str, list[UnitKey]] | None = None) -> list[LessonProgress]:
    """One ``LessonProgress`` per course lesson, in course order."""
    units = units if units is not None else lesson_units(course)
    latest, graded_latest = states.latest, states.graded
    out = []
    for entry in course.meta.lessons:
        lid = entry.id
        u = units.get(lid, [])
        graded = [graded_latest[key] for key in u if key in graded_latest]
        out.append(LessonProgress(lid, course.lessons[lid].title, len(u),
                                  sum(1 for key in u if key in latest), len(graded), sum(graded)))
    return out


def summarise(attempts: Iterable[Any], course: Course,
              units: dict[str, list[UnitKey]] | None = None) -> list[LessonProgress]:
    """One ``LessonProgress`` per course lesson, in course order. Attempts come oldest first."""
    states = ItemStates()
    for a in attempts:
        states.add((a.lesson, a.activity, a.item), (a.lesson, a.activity, None), a.correct)
    return progress_from_states(states, course, units)
