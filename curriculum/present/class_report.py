"""The class report, drawn: one offline HTML page (or its body, for the educator notebook).

The words around the numbers come from ``strings.t``, in the language the page is
drawn in (``lang``, set for the whole render); the page from an autoescaping
Jinja2 template (``templates/class_report/``), so a pseudonym or a file name that holds
markup is shown as text, never run. The page is self-contained: inline CSS and SVG, no
scripts, nothing fetched. Charts are drawn through ``curriculum.present.charts``: no
backend switch, and a question label such as "HK$1 or HK$2" stays those characters.
``body_html`` is what both ``python -m curriculum report`` and ``widgets.class_report``
show, so the file and the notebook never disagree.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from curriculum.classroom.completion import LessonProgress
from curriculum.classroom.report import QuestionStats, Report
from curriculum.course.languages import SOURCE_LANG, using_language

from .charts import chart_style, figure_svg, new_figure
from .progress import percent
from .strings import t, tn

TEMPLATES = Path(__file__).resolve().parent / "templates" / "class_report"
# Okabe-Ito, colour-blind safe; every bar is also labelled with its number.
BLUE, ORANGE = "#0072B2", "#E69F00"
LABEL_CHARS = 48
WRONG_PER_QUESTION = 3
QUESTIONS_IN_CHART = 20


@functools.lru_cache(maxsize=1)
def environment() -> Any:
    """The Jinja2 environment of the report's templates: autoescaping, strict about names."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(t=t, tn=tn, percent=percent, answer_text=answer_text)
    return env


def _short(text: str, n: int = LABEL_CHARS) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def bar_chart_svg(labels: list[str], values: list[float], title: str, xlabel: str,
                  colour: str = BLUE) -> str:
    """Horizontal bars with their value written beside each (so colour is never needed)."""
    height = 0.9 + 0.42 * max(len(labels), 1)
    width = 8.4
    with chart_style():
        fig = new_figure(width, height)
        # Fixed margins in inches, sized for the 48-character labels at 8 pt: tight_layout
        # would measure every label first and took as long as drawing the chart.
        fig.subplots_adjust(left=3.45 / width, right=1 - 0.25 / width, top=1 - 0.35 / height,
                            bottom=0.5 / height)
        ax = fig.subplots()
        ys = list(range(len(labels)))
        pcts = [v * 100 for v in values]
        ax.barh(ys, pcts, height=0.6, color=colour, edgecolor="black", linewidth=0.5)
        for y, v, value in zip(ys, pcts, values, strict=True):
            ax.text(min(v, 90) + 1, y, percent(value), va="center", fontsize=8)
        ax.set_yticks(ys, [_short(lbl) for lbl in labels], fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel(xlabel)
        ax.set_title(title)
    return figure_svg(fig)


def completion_chart(report: Report) -> str:
    rows = report.lesson_completion()
    return bar_chart_svg([title for title, _, _ in rows], [mean for _, mean, _ in rows],
                         t("report_completion_chart"), t("report_completion_axis"), BLUE)


def questions_chart(report: Report, limit: int = QUESTIONS_IN_CHART) -> str:
    qs = report.questions[:limit]
    return bar_chart_svg([q.label for q in qs], [q.share_correct for q in qs],
                         t("report_questions_chart", n=len(qs)), t("report_questions_axis"), ORANGE)


def answer_text(question: QuestionStats, answer: tuple[str, ...]) -> str:
    return question.answer_text(answer) or t("report_no_answer")


def _learner_rows(report: Report) -> Iterator[tuple[str, str | None, Markup]]:
    """Each learner's name, their account (None: not checked), and their row of cells as
    escaped HTML, made as the template asks for them.

    A class of 10,000 has 50,000 cells but only a few hundred different ones (a share
    tried, a share right): each is worded and escaped once, and a row is one join. A loop
    per cell in the template, or a list of every row kept for the template, made drawing
    the page cost more than reading the files (the second by waking the garbage collector
    over the whole class's tallies).
    """
    cells: dict[tuple[float, float | None], str] = {}

    def cell(p: LessonProgress) -> str:
        key = (p.completion, p.score)
        html = cells.get(key)
        if html is None:
            html = cells[key] = str(escape(t("report_learner_cell", tried=percent(p.completion),
                                             score=percent(p.score))))
        return html

    accounts = report.accounts or [None] * len(report.learners)
    for (name, progress), account in zip(report.learners, accounts, strict=True):
        yield name, account, Markup("<td>" + "</td><td>".join([cell(p) for p in progress]) + "</td>")


def _context(report: Report) -> dict[str, Any]:
    return {
        "report": report,
        "learner_rows": _learner_rows(report),
        "loaded": report.loaded,
        "completion_svg": Markup(completion_chart(report)),
        "questions_svg": Markup(questions_chart(report)),
        "wrong": [(q, q.wrong.most_common(WRONG_PER_QUESTION)) for q in report.questions if q.wrong],
        "replaced": sorted(report.loaded.replaced),
        "checked": report.identity != "file",
    }


def body_html(report: Report, lang: str = SOURCE_LANG) -> str:
    """The report without the page frame (also shown inside the educator notebook), in
    ``lang``: its words, charts and template all take it from here, whatever thread draws it."""
    with using_language(lang):
        return environment().get_template("body.html.j2").render(_context(report))


def render_html(report: Report, lang: str = SOURCE_LANG) -> str:
    """One self-contained page in ``lang``: inline CSS and SVG, no scripts, nothing fetched."""
    with using_language(lang):
        return environment().get_template("page.html.j2").render(_context(report), lang=lang)
