"""Live scenario: story text, one button per choice, feedback, the path and the ending.

A thin ipywidgets layer over ``curriculum.activities.scenario.ScenarioModel``; every word
comes from ``curriculum.present.scenario`` or the content. Buttons are reached with Tab
and pressed with Enter or Space.
"""

from __future__ import annotations

import ipywidgets as w

from curriculum.activities.scenario import ScenarioModel
from curriculum.course.model import Course, Lesson, Scenario
from curriculum.present import scenario as present
from curriculum.present.html import activity_header, sources_line
from curriculum.present.strings import t

from .language import KeepsLanguage, in_view_language
from .saving import SaveNotice
from .style import style_tag


class ScenarioView(KeepsLanguage, w.VBox):
    """ipywidgets view of a ScenarioModel: story text, choice buttons, feedback and path."""

    def __init__(self, course: Course, lesson: Lesson, activity: Scenario):
        self.model = ScenarioModel(activity, lesson.id)
        header = w.HTML(style_tag() + activity_header(activity, 3))
        self.node_text = w.HTML()
        self.feedback = w.HTML()
        self.save_notice = SaveNotice("choice")  # stays after Back or Start again: still true
        self.ending = w.HTML()
        self.path = w.HTML()
        # One button per choice slot, reused from node to node: the button a keyboard user
        # just pressed stays in place (with the next node's text), so focus is not lost.
        most = max(len(n.choices) for n in activity.nodes)
        self._pool = [self._choice_button(i) for i in range(most)]
        self.choice_buttons: list[w.Button] = []
        self.choice_prompt = w.HTML(present.prompt_html())
        self.choice_box = w.VBox([self.choice_prompt, *self._pool])
        self.back = w.Button(description=t("scenario_back"), tooltip=t("scenario_back_tip"))
        self.restart = w.Button(description=t("scenario_restart"),
                                tooltip=t("scenario_restart_tip"))
        self.back.on_click(lambda _b: self._do(self.model.back))
        self.restart.on_click(lambda _b: self._do(self.model.restart))
        sources = w.HTML(sources_line(course.source(lesson.id, s) for s in activity.sources))
        story = w.VBox([self.node_text, self.choice_box])
        story.add_class("csc-card")
        super().__init__([header, story, self.feedback, self.save_notice, self.ending,
                          w.HBox([self.back, self.restart]), self.path, sources])
        self.add_class("csc-scenario")
        self._render()

    @in_view_language
    def _do(self, action) -> None:
        action()
        self.feedback.value = ""
        self._render()

    def _choice_button(self, index: int) -> w.Button:
        b = w.Button(layout=w.Layout(width="auto", height="auto"))
        b.add_class("csc-choice")
        b.on_click(lambda _b: self._on_choice(index))
        return b

    @in_view_language
    def _on_choice(self, index: int) -> None:
        step = self.model.choose(index)
        self.feedback.value = present.step_html(step)
        self.save_notice.show(self.model.last_save)
        self._render()

    def _render(self) -> None:
        m = self.model
        self.node_text.value = present.story_html(m.current)
        for i, b in enumerate(self._pool):
            if i < len(m.choices):
                b.description = b.tooltip = m.choices[i].text
                b.layout.display = None
            else:
                b.layout.display = "none"
        self.choice_buttons = self._pool[:len(m.choices)]
        self.choice_prompt.layout.display = None if m.choices else "none"
        self.ending.value = present.ending_html(m.ending) if m.ending else ""
        self.path.value = present.path_html(m.path)
        self.back.disabled = not m.path
        self.restart.disabled = not m.path
