"""Live red-flag spotter: the made-up chat, a tick box per message, Check and Try again.

A thin ipywidgets layer over ``curriculum.activities.redflags.RedFlagsModel``; the
messages, box labels and verdicts come from ``curriculum.present.redflags``, the same
fragments the printed worksheet uses.
"""

from __future__ import annotations

import ipywidgets as w

from curriculum.activities.redflags import RedFlagsModel
from curriculum.course.model import Course, Lesson, RedFlags
from curriculum.present import redflags as present
from curriculum.present.html import activity_header, sources_line
from curriculum.present.strings import t

from .language import KeepsLanguage, in_view_language
from .saving import SaveNotice
from .style import style_tag


class RedFlagsView(KeepsLanguage, w.VBox):
    """The transcript with a checkbox per message, Check, Try again and the feedback."""

    def __init__(self, course: Course, lesson: Lesson, activity: RedFlags):
        self.model = RedFlagsModel(activity, lesson.id)
        self.number = {m.id: n for n, m in enumerate(activity.messages, start=1)}
        header = w.HTML(style_tag() + activity_header(activity, 3) + present.made_up_note())
        self.boxes: dict[str, w.Checkbox] = {}
        rows = []
        for m in activity.messages:
            n = self.number[m.id]
            parts = [w.HTML(present.message_html(n, m))]
            if not m.own:  # the learner's own side of the chat is read, never marked
                box = w.Checkbox(value=False, description=present.box_label(n),
                                 indent=False, layout=w.Layout(width="auto"))
                box.observe(lambda change, mid=m.id: self.model.mark(mid, change["new"]),
                            names="value")
                self.boxes[m.id] = box
                parts.append(box)
            row = w.VBox(parts)
            row.add_class("csc-card")
            rows.append(row)
        self.check = w.Button(description=t("check"), button_style="primary",
                              tooltip=t("redflags_check_tip"))
        self.retry = w.Button(description=t("try_again"), disabled=True,
                              tooltip=t("redflags_retry_tip"))
        self.check.on_click(self._on_check)
        self.retry.on_click(self._on_retry)
        self.feedback = w.HTML("")
        self.save_notice = SaveNotice("answer")
        sources = w.HTML(sources_line(course.source(lesson.id, s) for s in activity.sources))
        super().__init__([header, *rows, w.HBox([self.check, self.retry]), self.feedback,
                          self.save_notice, sources])
        self.add_class("csc-redflags")

    @in_view_language
    def _on_check(self, _btn=None) -> None:
        result = self.model.check()
        self.feedback.value = present.result_html(result, self.number)
        self.save_notice.show(self.model.last_save)
        for box in self.boxes.values():
            box.disabled = True
        self.check.disabled = True
        self.retry.disabled = False

    @in_view_language
    def _on_retry(self, _btn=None) -> None:
        self.model.retry()
        self.feedback.value = ""
        for box in self.boxes.values():
            box.disabled = False
            box.value = False
        self.check.disabled = False
        self.retry.disabled = True
