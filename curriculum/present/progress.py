"""My progress, drawn: the table and the chart of a learner's completion and score.

Pure functions of ``LessonProgress`` rows (``curriculum.classroom.completion``), which
``classroom.progress_model`` reads from the learner's store; the live view
(``widgets.progress_view``) only wraps them in controls. A store that cannot be opened
or read (``READ_ERRORS``) is shown as one line naming the reason (``read_failed_html``),
never a traceback: My progress is a place a learner goes when something seems wrong.
The chart never relies on colour alone: the two bars per lesson differ in hatching too,
and the table repeats every number.
Drawn through ``curriculum.present.charts``, so drawing it never changes the kernel's
matplotlib backend and a lesson title is never read as maths.
"""

from __future__ import annotations

import sqlite3
import textwrap
from collections.abc import Sequence

from markupsafe import Markup

from curriculum.classroom.completion import LessonProgress
from curriculum.classroom.progress_file import ProgressFileError
from curriculum.classroom.store import ProgressStore

from .charts import chart_style, figure_svg, new_figure
from .html import join_each, t_html
from .saving import alert_html, problem_html
from .strings import t, tn

# Okabe-Ito colours (colour-blind safe), each with its own hatch.
COMPLETION_STYLE = ("#0072B2", "")
SCORE_STYLE = ("#E69F00", "//")
EXPORT_COMMAND = "python -m curriculum progress export"
# What opening or reading a learner's store can raise: the store's own refusal, SQLite,
# the file system, and a value in the file that does not read back (a damaged row).
READ_ERRORS: tuple[type[Exception], ...] = (ProgressFileError, sqlite3.Error, OSError, ValueError)
# What saving to it can raise (a ValueError there is a name the store refused: its own words)
WRITE_ERRORS: tuple[type[Exception], ...] = (ProgressFileError, sqlite3.Error, OSError)


def with_path(exc: BaseException, store: ProgressStore | None) -> BaseException:
    """A SQLite error names no file: give it the store's path, for whoever repairs it."""
    if store is not None and isinstance(exc, sqlite3.Error) and str(store.path) not in str(exc):
        named = type(exc)(f"{store.path}: {exc}")
        for attr in ("sqlite_errorcode", "sqlite_errorname"):
            if hasattr(exc, attr):
                setattr(named, attr, getattr(exc, attr))
        return named
    return exc


def read_failed_html(exc: BaseException, store: ProgressStore | None = None) -> Markup:
    """One line in place of the chart: the progress file could not be opened or read."""
    return problem_html("progress_read_failed", [with_path(exc, store)])


def name_not_saved_html(exc: BaseException, store: ProgressStore | None = None) -> Markup:
    """One line: the made-up name could not be written to the progress file."""
    return problem_html("progress_name_not_saved", [with_path(exc, store)])


DAMAGED_SHOWN = 3  # rows named in the small print; the count gives the rest


def damaged_html(damaged: Sequence[object]) -> Markup:
    """One line above the chart when the store left damaged rows out (or replaced a damaged
    name): how many, and the first few as the store names them (never their text)."""
    if not damaged:
        return Markup()
    named = "; ".join(str(d) for d in damaged[:DAMAGED_SHOWN])
    more = " …" if len(damaged) > DAMAGED_SHOWN else ""
    return alert_html(tn("progress_damaged", len(damaged)), named + more)


def percent(value: float | None) -> str:
    """``42%``, or the no-value mark when there is nothing to show yet."""
    return t("progress_none") if value is None else t("report_percent", percent=round(value * 100))


def intro_html(hand_in: bool = False) -> Markup:
    """The heading and the few words above the learner's own progress: on a school's hub
    (``hand_in``: a drop-box is set) the Hand in button, else the export command."""
    if hand_in:
        words = t_html("progress_intro_hub")
    else:
        words = t_html("progress_intro", command=Markup("<code>{}</code>").format(EXPORT_COMMAND))
    return Markup("<h3>{}</h3><p>{}</p>").format(t("progress_heading"), words)


def table_html(rows: Sequence[LessonProgress]) -> Markup:
    """Every number of the chart, per lesson, as a table (the chart's text alternative)."""
    body = Markup("").join(
        Markup("<tr><th scope='row'>{}</th><td>{}</td><td>{}</td><td>{}</td></tr>").format(
            r.title, t("progress_tried_of", tried=r.tried, units=r.units),
            percent(r.completion), percent(r.score)) for r in rows)
    head = join_each("<th scope='col'>{}</th>", (t(key) for key in (
        "progress_lesson", "progress_tried", "progress_completion", "progress_score")))
    return Markup("<table class='csc-support-table csc-progress-table'><caption>{}</caption>"
                  "<thead><tr>{}</tr></thead><tbody>{}</tbody></table>").format(
        t("progress_table_caption"), head, body)


def chart_svg(rows: Sequence[LessonProgress]) -> Markup:
    """Grouped horizontal bars (completion, score) per lesson as an inline SVG string."""
    labels = [r.title for r in rows]
    completion = [r.completion * 100 for r in rows]
    n = max(len(rows), 1)
    width, height = 6.8, 1.5 + 0.62 * n
    with chart_style():
        fig = new_figure(width, height)
        # Fixed margins in inches: room for lesson titles wrapped onto two lines at the
        # left, the legend under the axis, and a number after the longest bar (the axis
        # runs past 100).
        fig.subplots_adjust(left=2.45 / width, right=1 - 0.15 / width, top=1 - 0.4 / height,
                            bottom=1.0 / height)
        ax = fig.subplots()
        ys = range(len(rows))
        sc = [0 if r.score is None else r.score * 100 for r in rows]
        ax.barh([y - 0.2 for y in ys], completion, height=0.4, color=COMPLETION_STYLE[0],
                hatch=COMPLETION_STYLE[1], label=t("progress_completion"), edgecolor="black",
                linewidth=0.5)
        ax.barh([y + 0.2 for y in ys], sc, height=0.4, color=SCORE_STYLE[0], hatch=SCORE_STYLE[1],
                label=t("progress_score_short"), edgecolor="black", linewidth=0.5)
        for y, c, s, row in zip(ys, completion, sc, rows, strict=True):
            # the same words as the table: percent() of the row's own numbers
            ax.text(c + 1.5, y - 0.2, percent(row.completion), va="center", fontsize=8)
            ax.text(s + 1.5, y + 0.2, percent(row.score), va="center", fontsize=8)
        ax.set_yticks(list(ys), [textwrap.fill(lbl, 30) for lbl in labels], fontsize=9)
        ax.invert_yaxis()
        ax.set_xlim(0, 114)
        ax.set_xticks(range(0, 101, 20))
        ax.set_xlabel(t("progress_percent"))
        ax.set_title(t("progress_chart_title"))
        handles, names = ax.get_legend_handles_labels()
        fig.legend(handles, names, loc="lower center", ncol=2, fontsize=8, frameon=False,
                   bbox_to_anchor=(0.5, 0.01))
    return figure_svg(fig)


def chart_html(rows: Sequence[LessonProgress]) -> Markup:
    """The chart in its labelled image container."""
    return Markup("<div role='img' aria-label='{}'>{}</div>").format(
        t("progress_chart_label"), chart_svg(rows))

