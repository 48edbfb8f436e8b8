"""My progress: completion and score per lesson, as a chart and a table.

``ProgressModel`` reads the learner's own progress file and summarises it with the same
rule the class report uses (``curriculum.completion``); tests drive it without a browser.
``ProgressView`` is the thin ipywidgets layer: the pseudonym (which the learner may
change), a Refresh button, the chart and the table. The chart never relies on colour
alone: the two bars per lesson differ in hatching too, and the table repeats every number.
"""

from __future__ import annotations

import io
import textwrap

import ipywidgets as w

from curriculum import html as h
from curriculum.completion import LessonProgress, summarise
from curriculum.model import Course
from curriculum.progress import ProgressFileError, ProgressStore, store_for

from .style import style_tag

# Okabe-Ito colours (colour-blind safe), each with its own hatch.
COMPLETION_STYLE = ("#0072B2", "")
SCORE_STYLE = ("#E69F00", "//")


def pct(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


class ProgressModel:
    """The learner's progress per lesson, read fresh from their store on ``refresh``."""

    def __init__(self, course: Course, store: ProgressStore):
        self.course, self.store = course, store
        self.rows: list[LessonProgress] = []
        self.refresh()

    def refresh(self) -> list[LessonProgress]:
        self.rows = summarise(self.store.attempts(), self.course)
        return self.rows

    @property
    def pseudonym(self) -> str:
        return self.store.pseudonym

    def set_pseudonym(self, name: str) -> str:
        """Change the name shown on hand-ins; raises ValueError with a readable reason."""
        return self.store.set_pseudonym(name)

    @property
    def answered(self) -> int:
        return self.store.count()

    def table_html(self) -> str:
        body = "".join(
            f"<tr><th scope='row'>{h.esc(r.title)}</th><td>{r.tried} of {r.units}</td>"
            f"<td>{pct(r.completion)}</td><td>{pct(r.score)}</td></tr>" for r in self.rows)
        return ("<table class='csc-support-table csc-progress-table'><caption>Your progress "
                "per lesson</caption><thead><tr><th scope='col'>Lesson</th>"
                "<th scope='col'>Tried</th><th scope='col'>Completion</th>"
                "<th scope='col'>Score (latest answers right)</th></tr></thead>"
                f"<tbody>{body}</tbody></table>")

    def chart_svg(self) -> str:
        return progress_chart_svg([r.title for r in self.rows],
                                  [r.completion for r in self.rows],
                                  [r.score for r in self.rows], "Your progress per lesson")


def progress_chart_svg(labels: list[str], completion: list[float], score: list[float | None],
                       title: str) -> str:
    """Grouped horizontal bars (completion, score) per lesson as an inline SVG string."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    n = max(len(labels), 1)
    width, height = 6.8, 1.5 + 0.62 * n
    fig = Figure(figsize=(width, height))
    # Fixed margins in inches: room for lesson titles wrapped onto two lines at the left,
    # the legend under the axis, and a number after the longest bar (the axis runs past 100).
    fig.subplots_adjust(left=2.45 / width, right=1 - 0.15 / width, top=1 - 0.4 / height,
                        bottom=1.0 / height)
    ax = fig.subplots()
    ys = range(len(labels))
    comp = [c * 100 for c in completion]
    sc = [0 if s is None else s * 100 for s in score]
    ax.barh([y - 0.2 for y in ys], comp, height=0.4, color=COMPLETION_STYLE[0],
            hatch=COMPLETION_STYLE[1], label="Completion", edgecolor="black", linewidth=0.5)
    ax.barh([y + 0.2 for y in ys], sc, height=0.4, color=SCORE_STYLE[0], hatch=SCORE_STYLE[1],
            label="Score", edgecolor="black", linewidth=0.5)
    for y, c, s, raw in zip(ys, comp, sc, score, strict=True):
        ax.text(c + 1.5, y - 0.2, f"{c:.0f}%", va="center", fontsize=8)
        ax.text(s + 1.5, y + 0.2, "–" if raw is None else f"{s:.0f}%", va="center", fontsize=8)
    ax.set_yticks(list(ys), [textwrap.fill(lbl, 30) for lbl in labels], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 114)
    ax.set_xticks(range(0, 101, 20))
    ax.set_xlabel("Percent")
    ax.set_title(title)
    handles, names = ax.get_legend_handles_labels()
    fig.legend(handles, names, loc="lower center", ncol=2, fontsize=8, frameon=False,
               bbox_to_anchor=(0.5, 0.01))
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "csc", "svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]


class ProgressView(w.VBox):
    """Thin view: pseudonym, refresh, chart and table. A bad progress file shows its error."""

    def __init__(self, course: Course, store: ProgressStore | None = None):
        header = w.HTML(style_tag() + "<h3>My progress</h3><p>Your answers are saved only on "
                        "this computer, under a made-up name. You can change the name below. "
                        "Use <code>python -m curriculum progress export</code> to hand them in."
                        "</p>")
        try:
            self.model: ProgressModel | None = ProgressModel(course, store or store_for())
        except ProgressFileError as exc:
            self.model = None
            super().__init__([header, w.HTML(f"<p role='alert'>{h.esc(exc)}</p>")])
            self.add_class("csc-card")
            return
        self.name = w.Text(value=self.model.pseudonym, description="Your name here",
                           style={"description_width": "initial"})
        self.save = w.Button(description="Save name", tooltip="Save this made-up name")
        self.refresh_button = w.Button(description="Refresh", tooltip="Read your answers again")
        self.message = w.HTML()
        self.chart = w.HTML()
        self.table = w.HTML()
        self.save.on_click(self._on_save)
        self.refresh_button.on_click(lambda _b: self.redraw())
        note = w.HTML("<small>Use a made-up name, not your real one.</small>")
        super().__init__([header, w.HBox([self.name, self.save]), note, self.message,
                          self.refresh_button, self.chart, self.table])
        self.add_class("csc-card")
        self.redraw()

    def redraw(self) -> None:
        assert self.model is not None
        self.model.refresh()
        self.chart.value = (f"<div role='img' aria-label='Chart of your progress'>"
                            f"{self.model.chart_svg()}</div>")
        self.table.value = self.model.table_html()

    def _on_save(self, _btn=None) -> None:
        assert self.model is not None
        try:
            name = self.model.set_pseudonym(self.name.value)
        except ValueError as exc:
            self.message.value = f"<p role='alert'>{h.esc(exc)}</p>"
            return
        self.name.value = name
        self.message.value = f"<p role='status'>Saved. Your name here is {h.esc(name)}.</p>"
