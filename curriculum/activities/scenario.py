"""Scenario: walk a branching story, remember the path, grade each choice.

``ScenarioModel`` walks the story graph (already checked on load by
``course.model.Scenario``: every path ends, nothing is unreachable), remembers the path
taken and grades each choice: when some choice at a node is marked ``best``, picking it
counts as correct; at a node with no best choice every answer is fine and is recorded
as ungraded. It needs no kernel or browser, so tests drive it directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from curriculum.course.model import Scenario, ScenarioChoice, ScenarioNode

from .attempts import Attempt, SaveOutcome, emit


@dataclass(frozen=True)
class Step:
    """One choice the learner made: where they were, what they chose, where it led."""

    node: ScenarioNode
    index: int
    choice: ScenarioChoice
    correct: bool | None


class ScenarioModel:
    """Where the learner is in the story, how they got there, and how each choice rated."""

    def __init__(self, scenario: Scenario, lesson_id: str = ""):
        self.scenario = scenario
        self.lesson_id = lesson_id
        self._nodes = {n.id: n for n in scenario.nodes}
        self.current: ScenarioNode = self._nodes[scenario.start]
        self.path: list[Step] = []
        self.runs = 1
        # what became of the latest answer handed to the recorders (None before any)
        self.last_save: SaveOutcome | None = None

    # -- what to show ---------------------------------------------------------------
    @property
    def choices(self) -> list[ScenarioChoice]:
        return list(self.current.choices)

    @property
    def at_end(self) -> bool:
        return self.current.ending is not None

    @property
    def ending(self) -> str | None:
        """The kind of ending reached (good, okay or hard), or None while the story goes on."""
        return self.current.ending

    @property
    def last(self) -> Step | None:
        return self.path[-1] if self.path else None

    # -- what the learner does ------------------------------------------------------
    def choose(self, index: int) -> Step:
        """Take choice ``index`` at the current node; return the step (with its feedback)."""
        if self.at_end:
            raise ValueError("the story has ended: start again to make new choices")
        choices = self.current.choices
        if not 0 <= index < len(choices):
            raise IndexError(f"node {self.current.id!r} has choices 0-{len(choices) - 1}, "
                             f"not {index}")
        choice = choices[index]
        graded = any(c.best for c in choices)
        step = Step(self.current, index, choice, choice.best if graded else None)
        self.path.append(step)
        self.last_save = emit(Attempt(self.lesson_id, self.scenario.id, self.scenario.kind,
                                      self.current.id, (str(index), choice.goto), step.correct))
        self.current = self._nodes[choice.goto]
        return step

    def back(self) -> None:
        """Undo the last choice (its attempt stays recorded)."""
        if not self.path:
            raise ValueError("nothing to go back to: this is the start of the story")
        self.current = self.path.pop().node

    def restart(self) -> None:
        self.current = self._nodes[self.scenario.start]
        self.path = []
        self.runs += 1
