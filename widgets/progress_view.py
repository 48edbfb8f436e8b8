"""My progress: completion and score per lesson, as a chart and a table.

``ProgressModel`` (``curriculum.classroom.progress_model``) reads the learner's own
progress file; ``curriculum.present.progress`` draws its rows. ``ProgressView`` is the thin
ipywidgets layer: the pseudonym (which the learner may change), a Refresh button, the
chart and the table. ``progress_view`` builds it, or, when the file cannot be opened or
read, ``UnreadableProgress``: one line with its reason (role=alert) instead of a
traceback; the lesson goes on. A read or a write that fails later is shown the same way.
"""

from __future__ import annotations

import sqlite3

import ipywidgets as w
from markupsafe import Markup

from curriculum.classroom.handin import HandInError, dropbox_from_env, hand_in
from curriculum.classroom.progress_model import ProgressModel
from curriculum.classroom.recording import store_for
from curriculum.classroom.store import ProgressStore
from curriculum.course.model import Course
from curriculum.present import progress as draw
from curriculum.present.progress import READ_ERRORS, WRITE_ERRORS
from curriculum.present.strings import t

from .language import KeepsLanguage, in_view_language
from .style import style_tag


def _alert(exc: BaseException, store: ProgressStore | None = None) -> Markup:
    """The reason, readable: a database error is given with the file it is about."""
    text = f"{store.path}: {exc}" if store is not None and isinstance(exc, sqlite3.Error) else str(exc)
    return Markup("<p role='alert'>{}</p>").format(text)


def _header() -> w.HTML:
    return w.HTML(style_tag() + draw.intro_html(hand_in=dropbox_from_env() is not None))


def progress_view(course: Course, store: ProgressStore | None = None) -> ProgressView | UnreadableProgress:
    """My progress for ``store`` (default: the learner's own file), or the line saying why
    it cannot be read."""
    try:
        model = ProgressModel(course, store if store is not None else store_for())
        pseudonym = model.pseudonym
    except READ_ERRORS as exc:
        return UnreadableProgress(exc, store)
    return ProgressView(model, pseudonym)


class UnreadableProgress(w.VBox):
    """My progress when the file cannot be opened or read: the heading and one line why."""

    def __init__(self, exc: BaseException, store: ProgressStore | None):
        super().__init__([_header(), w.HTML(draw.read_failed_html(exc, store))])
        self.add_class("csc-card")


class ProgressView(KeepsLanguage, w.VBox):
    """Thin view: pseudonym, refresh, chart and table, over a model that has been read once."""

    def __init__(self, model: ProgressModel, pseudonym: str):
        self.model = model
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
        note = w.HTML(Markup("<small>{}</small>").format(t("progress_name_note")))
        buttons = [self.refresh_button]
        # only where the hub sets a drop-box for the course
        self.hand_in = None
        if dropbox_from_env() is not None:
            self.hand_in = w.Button(description=t("progress_hand_in"),
                                    tooltip=t("progress_hand_in_tip"), button_style="primary")
            self.hand_in.on_click(self._on_hand_in)
            buttons.append(self.hand_in)
        super().__init__([_header(), w.HBox([self.name, self.save]), note, self.message,
                          w.HBox(buttons), self.read_problem, self.chart, self.table])
        self.add_class("csc-card")
        self._draw()

    @in_view_language
    def redraw(self) -> None:
        try:
            self.model.refresh()
        except READ_ERRORS as exc:
            self.read_problem.value = draw.read_failed_html(exc, self.model.store)
            self.chart.value = self.table.value = ""  # never numbers from an earlier read
            return
        self._draw()

    def _draw(self) -> None:
        self.read_problem.value = draw.damaged_html(self.model.damaged)
        self.chart.value = draw.chart_html(self.model.rows)
        self.table.value = draw.table_html(self.model.rows)

    @in_view_language
    def _on_hand_in(self, _btn=None) -> None:
        try:
            path = hand_in(self.model.store)
        except (HandInError, *READ_ERRORS) as exc:
            self.message.value = _alert(exc, self.model.store)
            return
        self.message.value = Markup("<p role='status'>{}</p>").format(
            t("progress_handed_in", file=path.name))

    @in_view_language
    def _on_save(self, _btn=None) -> None:
        try:
            name = self.model.set_pseudonym(self.name.value)
        except WRITE_ERRORS as exc:
            self.message.value = draw.name_not_saved_html(exc, self.model.store)
            return
        except ValueError as exc:  # a name the store refuses, in its own words
            self.message.value = _alert(exc)
            return
        self.name.value = name
        self.message.value = Markup("<p role='status'>{}</p>").format(
            t("progress_saved_name", name=name))
