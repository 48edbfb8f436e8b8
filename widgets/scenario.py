"""Scenario: a branching story where each choice gets feedback and leads somewhere.

``ScenarioModel`` walks the story graph (already checked on load by ``model.Scenario``:
every path ends, nothing is unreachable), remembers the path taken and grades each
choice: when some choice at a node is marked ``best``, picking it counts as correct;
at a node with no best choice every answer is fine and is recorded as ungraded. It
needs no kernel or browser, so tests drive it directly. ``ScenarioView`` is the thin
ipywidgets layer: one button per choice (buttons are reachable with Tab and pressed
with Enter or Space), the feedback of the last choice, the path so far and an ending
that is always named in words, with a supportive message that never blames the
character.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w

from curriculum import html as h
from curriculum.model import Course, Lesson, Scenario, ScenarioChoice, ScenarioNode

from .attempts import Attempt, emit
from .style import style_tag

ENDING_TITLES = {
    "good": "✓ Ending: a good outcome",
    "okay": "◐ Ending: an okay outcome",
    "hard": "! Ending: a hard outcome",
}
ENDING_MESSAGES = {
    "good": "This path shows a safe way through. You can start again to see what the other "
            "choices lead to.",
    "okay": "Things turned out okay, but some steps could help more. Start again to try "
            "another way.",
    "hard": "This path was hard. The person who makes threats is the one doing wrong, not "
            "the person being threatened. It is never too late to get help. Start again to "
            "see how other choices can help.",
}
SUPPORT_LINE = ("If this story brings up something for you, talk to someone you trust. "
                "The help list at the end of the lesson has people you can contact.")


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
        self.attempts: dict[str, int] = {n.id: 0 for n in scenario.nodes}
        self.runs = 1

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
        self.attempts[self.current.id] += 1
        self.path.append(step)
        emit(Attempt(self.lesson_id, self.scenario.id, self.current.id,
                     (str(index), choice.goto), step.correct, self.attempts[self.current.id]))
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


def step_html(step: Step) -> str:
    """Feedback on the last choice: the choice in words, a verdict when graded, and why."""
    if step.correct is True:
        verdict, cls = "<strong>✓ Good choice.</strong> ", "csc-good"
    elif step.correct is False:
        verdict, cls = "<strong>✗ There is a better choice here.</strong> ", "csc-bad"
    else:
        verdict, cls = "", "csc-note"
    return (f'<div class="{cls}" role="status">{verdict}You chose: '
            f"<em>{h.esc(step.choice.text)}</em><p>{h.esc(step.choice.feedback)}</p></div>")


def path_html(steps: list[Step]) -> str:
    if not steps:
        return ""
    marks = {True: "✓ ", False: "✗ ", None: ""}
    items = "".join(f"<li>{marks[s.correct]}{h.esc(s.choice.text)}</li>" for s in steps)
    return f"<details open><summary>Your path so far</summary><ol>{items}</ol></details>"


def ending_html(kind: str) -> str:
    return (f'<div class="csc-note csc-ending" role="status"><h4>{h.esc(ENDING_TITLES[kind])}</h4>'
            f"<p>{h.esc(ENDING_MESSAGES[kind])}</p><p>{h.esc(SUPPORT_LINE)}</p></div>")


class ScenarioView(w.VBox):
    """ipywidgets view of a ScenarioModel: story text, choice buttons, feedback and path."""

    def __init__(self, course: Course, lesson: Lesson, activity: Scenario):
        self.model = ScenarioModel(activity, lesson.id)
        header = w.HTML(style_tag() + f"<h3>{h.esc(activity.title)}</h3>"
                        f"<p>{h.esc(activity.instructions)}</p>")
        self.node_text = w.HTML()
        self.feedback = w.HTML()
        self.ending = w.HTML()
        self.path = w.HTML()
        # One button per choice slot, reused from node to node: the button a keyboard user
        # just pressed stays in place (with the next node's text), so focus is not lost.
        most = max(len(n.choices) for n in activity.nodes)
        self._pool = [self._choice_button(i) for i in range(most)]
        self.choice_buttons: list[w.Button] = []
        self.choice_prompt = w.HTML("<strong>What do you do?</strong>")
        self.choice_box = w.VBox([self.choice_prompt, *self._pool])
        self.back = w.Button(description="Go back one step", tooltip="Undo your last choice")
        self.restart = w.Button(description="Start again", tooltip="Go back to the start")
        self.back.on_click(lambda _b: self._do(self.model.back))
        self.restart.on_click(lambda _b: self._do(self.model.restart))
        sources = w.HTML(h.sources_line(course.source(lesson.id, s) for s in activity.sources))
        story = w.VBox([self.node_text, self.choice_box])
        story.add_class("csc-card")
        super().__init__([header, story, self.feedback, self.ending,
                          w.HBox([self.back, self.restart]), self.path, sources])
        self.add_class("csc-scenario")
        self._render()

    def _do(self, action) -> None:
        action()
        self.feedback.value = ""
        self._render()

    def _choice_button(self, index: int) -> w.Button:
        b = w.Button(layout=w.Layout(width="auto", height="auto"))
        b.add_class("csc-choice")
        b.on_click(lambda _b: self._on_choice(index))
        return b

    def _on_choice(self, index: int) -> None:
        step = self.model.choose(index)
        self.feedback.value = step_html(step)
        self._render()

    def _render(self) -> None:
        m = self.model
        self.node_text.value = f'<div class="csc-story"><p>{h.esc(m.current.text)}</p></div>'
        for i, b in enumerate(self._pool):
            if i < len(m.choices):
                b.description = b.tooltip = m.choices[i].text
                b.layout.display = None
            else:
                b.layout.display = "none"
        self.choice_buttons = self._pool[:len(m.choices)]
        self.choice_prompt.layout.display = None if m.choices else "none"
        self.ending.value = ending_html(m.ending) if m.ending else ""
        self.path.value = path_html(m.path)
        self.back.disabled = not m.path
        self.restart.disabled = not m.path
