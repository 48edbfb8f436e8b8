"""Live law explorer: pick a situation, see which Hong Kong offences apply and what they carry.

A thin ipywidgets layer over ``curriculum.activities.law.LawModel``; the disclaimer and
each situation's table come from ``curriculum.present.law``, the same fragments the
educator guide prints as its answer key.
"""

from __future__ import annotations

import ipywidgets as w

from curriculum.activities.law import LawModel
from curriculum.course.model import Course, LawExplorer, Lesson
from curriculum.present import law as present
from curriculum.present.html import activity_header
from curriculum.present.strings import t

from .language import KeepsLanguage, in_view_language
from .saving import SaveNotice
from .style import style_tag


class LawView(KeepsLanguage, w.VBox):
    """A situation picker, the disclaimer (always shown) and the table for the situation."""

    def __init__(self, course: Course, lesson: Lesson, activity: LawExplorer):
        self.course, self.lesson_id = course, lesson.id
        self.model = LawModel(activity, lesson.id)
        header = w.HTML(style_tag() + activity_header(activity, 3))
        self.disclaimer = w.HTML(present.disclaimer_html(activity))
        self.picker = w.Dropdown(options=[(s.situation, s.id) for s in activity.situations],
                                 value=None, description=t("law_situation"),
                                 layout=w.Layout(width="min(640px, 100%)"),
                                 style={"description_width": "initial"})
        self.picker.observe(self._on_pick, names="value")
        self.details = w.HTML(present.pick_prompt_html())
        self.save_notice = SaveNotice("choice")  # under the picker, above a long table
        super().__init__([header, self.disclaimer, self.picker, self.save_notice, self.details])
        self.add_class("csc-law")

    @in_view_language
    def _on_pick(self, change) -> None:
        if change["new"] is None:
            return
        situation = self.model.select(change["new"])
        self.details.value = present.situation_html(self.course, self.lesson_id, situation)
        self.save_notice.show(self.model.last_save)
