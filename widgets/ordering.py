"""Live ordering: one row per place with Move up / Move down; then Check / Try again.

A thin ipywidgets layer over ``curriculum.activities.ordering.OrderingModel``; rows,
status and verdicts come from ``curriculum.present.ordering``.
"""

from __future__ import annotations

import ipywidgets as w

from curriculum.activities.ordering import OrderingModel
from curriculum.course.model import Course, Lesson, Ordering
from curriculum.present import ordering as present
from curriculum.present.html import activity_header, sources_line
from curriculum.present.strings import t

from .language import KeepsLanguage, in_view_language
from .saving import SaveNotice
from .style import style_tag


class OrderingView(KeepsLanguage, w.VBox):
    """One row per place: the item there, Move up and Move down; then Check / Try again."""

    def __init__(self, course: Course, lesson: Lesson, activity: Ordering):
        self.model = OrderingModel(activity, lesson.id)
        header = w.HTML(style_tag() + activity_header(activity, 3))
        self.labels: list[w.HTML] = []
        self.ups: list[w.Button] = []
        self.downs: list[w.Button] = []
        rows = []
        for pos in range(len(self.model.order)):
            label = w.HTML(layout=w.Layout(flex="1 1 auto"))
            up = w.Button(description=t("ordering_move_up"), icon="arrow-up",
                          layout=w.Layout(width="auto"))
            down = w.Button(description=t("ordering_move_down"), icon="arrow-down",
                            layout=w.Layout(width="auto"))
            up.on_click(lambda _b, pos=pos: self._move(pos, -1))
            down.on_click(lambda _b, pos=pos: self._move(pos, +1))
            self.labels.append(label)
            self.ups.append(up)
            self.downs.append(down)
            row = w.HBox([label, up, down])
            row.add_class("csc-card")
            rows.append(row)
        self.status = w.HTML("")
        self.check = w.Button(description=t("check"), button_style="primary",
                              tooltip=t("ordering_check_tip"))
        self.retry = w.Button(description=t("try_again"), disabled=True,
                              tooltip=t("ordering_retry_tip"))
        self.check.on_click(self._on_check)
        self.retry.on_click(self._on_retry)
        self.feedback = w.HTML("")
        self.save_notice = SaveNotice("answer")
        sources = w.HTML(sources_line(course.source(lesson.id, s) for s in activity.sources))
        super().__init__([header, *rows, self.status, w.HBox([self.check, self.retry]),
                          self.feedback, self.save_notice, sources])
        self.add_class("csc-ordering")
        self._render()

    @in_view_language
    def _move(self, pos: int, delta: int) -> None:
        item = self.model.order[pos]
        if delta < 0:
            self.model.move_up(item.id)
        else:
            self.model.move_down(item.id)
        self.status.value = present.moved_html(item, self.model.order.index(item) + 1)
        self._render()

    def _render(self) -> None:
        locked = self.model.result is not None
        last = len(self.model.order) - 1
        for pos, item in enumerate(self.model.order):
            self.labels[pos].value = present.row_html(pos + 1, item)
            self.ups[pos].tooltip = t("ordering_move_up_tip", text=item.text)
            self.downs[pos].tooltip = t("ordering_move_down_tip", text=item.text)
            self.ups[pos].disabled = locked or pos == 0
            self.downs[pos].disabled = locked or pos == last

    @in_view_language
    def _on_check(self, _btn=None) -> None:
        self.feedback.value = present.result_html(self.model.check())
        self.save_notice.show(self.model.last_save)
        self.status.value = ""
        self.check.disabled = True
        self.retry.disabled = False
        self._render()

    @in_view_language
    def _on_retry(self, _btn=None) -> None:
        self.model.retry()
        self.feedback.value = ""
        self.check.disabled = False
        self.retry.disabled = True
        self._render()
