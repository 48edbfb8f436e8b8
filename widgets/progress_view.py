"""My progress: completion and score per lesson, as a chart and a table.

``ProgressModel`` (``curriculum.present.progress``) reads the learner's own progress file,
summarises it with the same rule the class report uses (``curriculum.classroom.completion``)
and draws the table and the chart; tests drive it without a browser.
``ProgressView`` is the thin ipywidgets layer: the pseudonym (which the learner may
change), a Refresh button, the chart and the table. A progress file that cannot be read
or written shows one line with its reason (role=alert, worded by
``curriculum.present.progress``) instead of a traceback; the lesson goes on.
"""

from __future__ import annotations

import sqlite3

import ipywidgets as w

from curriculum.classroom.handin import HandInError, dropbox_from_env, hand_in
from curriculum.classroom.store import ProgressStore, store_for
from curriculum.course.model import Course
from curriculum.present import progress as draw
from curriculum.present.html import esc
from curriculum.present.progress import READ_ERRORS, WRITE_ERRORS, ProgressModel
from curriculum.present.strings import t

from .style import style_tag

__all__ = ["ProgressModel", "ProgressView"]


def _alert(exc: BaseException, store: ProgressStore | None = None) -> str:
    """The reason, readable: a database error is given with the file it is about."""
    text = f"{store.path}: {exc}" if store is not None and isinstance(exc, sqlite3.Error) else str(exc)
    return f"<p role='alert'>{esc(text)}</p>"


class ProgressView(w.VBox):
    """Thin view: pseudonym, refresh, chart and table. A bad progress file shows its error."""

    def __init__(self, course: Course, store: ProgressStore | None = None):
        header = w.HTML(style_tag() + draw.intro_html(hand_in=dropbox_from_env() is not None))
        try:
            self.model: ProgressModel | None = ProgressModel(course, store or store_for())
            pseudonym = self.model.pseudonym
        except READ_ERRORS as exc:
            self.model = None
            super().__init__([header, w.HTML(draw.read_failed_html(exc, store))])
            self.add_class("csc-card")
            return
        self.name = w.Text(value=pseudonym, description=t("progress_name"),
                           style={"description_width": "initial"})
        self.save = w.Button(description=t("progress_save_name"), tooltip=t("progress_save_name_tip"))
        self.refresh_button = w.Button(description=t("progress_refresh"),
                                       tooltip=t("progress_refresh_tip"))
        self.message = w.HTML()
        # why the chart is missing, or which rows it leaves out; redrawn by every read
        self.read_problem = w.HTML()
        self.chart = w.HTML()
        self.table = w.HTML()
        self.save.on_click(self._on_save)
        self.refresh_button.on_click(lambda _b: self.redraw())
        note = w.HTML(f"<small>{esc(t('progress_name_note'))}</small>")
        buttons = [self.refresh_button]
        # only where the hub sets a drop-box for the course
        self.hand_in = None
        if dropbox_from_env() is not None:
            self.hand_in = w.Button(description=t("progress_hand_in"),
                                    tooltip=t("progress_hand_in_tip"), button_style="primary")
            self.hand_in.on_click(self._on_hand_in)
            buttons.append(self.hand_in)
        super().__init__([header, w.HBox([self.name, self.save]), note, self.message,
                          w.HBox(buttons), self.read_problem, self.chart, self.table])
        self.add_class("csc-card")
        self.redraw()

    def redraw(self) -> None:
        assert self.model is not None
        try:
            self.model.refresh()
        except READ_ERRORS as exc:
            self.read_problem.value = draw.read_failed_html(exc, self.model.store)
            self.chart.value = self.table.value = ""  # never numbers from an earlier read
            return
        self.read_problem.value = draw.damaged_html(self.model.damaged)
        self.chart.value = draw.chart_html(self.model.rows)
        self.table.value = self.model.table_html()

    def _on_hand_in(self, _btn=None) -> None:
        assert self.model is not None
        try:
            path = hand_in(self.model.store)
        except (HandInError, *READ_ERRORS) as exc:
            self.message.value = _alert(exc, self.model.store)
            return
        self.message.value = f"<p role='status'>{esc(t('progress_handed_in', file=path.name))}</p>"

    def _on_save(self, _btn=None) -> None:
        assert self.model is not None
        try:
            name = self.model.set_pseudonym(self.name.value)
        except WRITE_ERRORS as exc:
            self.message.value = draw.name_not_saved_html(exc, self.model.store)
            return
        except ValueError as exc:  # a name the store refuses, in its own words
            self.message.value = _alert(exc)
            return
        self.name.value = name
        self.message.value = f"<p role='status'>{esc(t('progress_saved_name', name=name))}</p>"
