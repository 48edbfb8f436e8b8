"""How the timeline reads, on screen and on paper: chart, legend, events and their notes.

The chart is drawn by matplotlib on a bare Figure (``charts``); each category keeps its
own colour (Okabe-Ito, colour-blind safe), marker shape and labelled row, so colour is
never needed, and events are numbered to match the list. The legend is built from the
same category styles, and an event's details (its date, category, description, the
correction of the police page, help beside a hard story, sources) are one fragment,
used by the live view and the handouts alike.
"""

from __future__ import annotations

from markupsafe import Markup

from curriculum.activities.timeline import EventDetails, TimelineModel
from curriculum.course.model import Course, TimelineEvent

from . import charts
from .html import date_text, heading, note, sources_line
from .strings import t

# category: (colour, matplotlib marker, legend symbol)
CATEGORY_STYLE: dict[str, tuple[str, str, str]] = {
    "technology": ("#0072B2", "o", "●"),
    "crime": ("#D55E00", "X", "✖"),
    "enforcement": ("#009E73", "s", "■"),
    "law": ("#CC79A7", "D", "◆"),
    "research": ("#E69F00", "^", "▲"),
}


def category_label(category: str) -> str:
    return t(f"timeline_category_{category}")


def legend_text(model: TimelineModel) -> str:
    """What the rows and markers mean, built from the category styles themselves."""
    items = ", ".join(f"{CATEGORY_STYLE[c][2]} {category_label(c)}" for c in model.all_categories)
    return t("timeline_legend", items=items)


def event_date(e: TimelineEvent) -> str:
    """An event's date as a learner reads it: its own label, else the date in words."""
    return e.date_label or date_text(e.date)


def option_label(model: TimelineModel, e: TimelineEvent) -> str:
    """The line for an event in the event list: number, date and title."""
    return f"{model.number(e.id)}. {event_date(e)}: {e.title}"


def count_text(model: TimelineModel) -> str:
    return t("timeline_count", shown=len(model.visible()), total=len(model.events))


def help_note(course: Course) -> Markup:
    """Help beside a hard story (safe messaging): Hong Kong's services, then a pointer on."""
    local = [r for r in course.meta.support if r.local]
    services = "; ".join(f"{r.name}: {r.contact}" for r in local)
    return note(f"{t('timeline_talk_now')} {services}. {t('timeline_more_help')}",
                t("timeline_hard_to_read"))


def event_html(details: EventDetails, course: Course, level: int = 4) -> Markup:
    """One event: number and title, when and what kind, what happened, notes, sources."""
    e = details.event
    correction = note(e.corrects_seed, t("timeline_seed_check")) if e.corrects_seed else ""
    help_box = help_note(course) if e.sensitive else ""
    return Markup("{}<p><strong>{}</strong> {} · <strong>{}</strong> {}</p><p>{}</p>{}{}{}").format(
        heading(level, f"{details.number}. {e.title}"), t("timeline_when"), event_date(e),
        t("timeline_category"), category_label(e.category), e.description, correction,
        help_box, sources_line(details.sources))


def chart_description(model: TimelineModel) -> str:
    """A text alternative for the chart: what it shows, in words."""
    events = model.visible()
    lo, hi = model.year_range
    if not events:
        return t("timeline_chart_none", start=lo, end=hi)
    parts = "; ".join(t("timeline_chart_event", number=model.number(e.id), date=event_date(e),
                        category=category_label(e.category), title=e.title) for e in events)
    return t("timeline_chart_text", n=len(events), start=lo, end=hi, events=parts)


def spread_labels(xs: list[float], gap: float) -> list[float]:
    """Where to write the numbers of events at ``xs`` (sorted) so no two are closer than
    ``gap``: events close together share a run of labels centred on them, and a lone
    event keeps its label right above it. Four reports within one year of each other
    otherwise print their numbers on top of one another."""
    blocks: list[list[float]] = []  # each block: the event xs whose labels sit side by side
    for x in xs:
        blocks.append([x])
        while len(blocks) > 1 and _block_start(blocks[-1], gap) - _block_end(blocks[-2], gap) < gap:
            last = blocks.pop()
            blocks[-1].extend(last)
    out: list[float] = []
    for block in blocks:
        start = _block_start(block, gap)
        out.extend(start + i * gap for i in range(len(block)))
    return out


def _block_start(block: list[float], gap: float) -> float:
    return sum(block) / len(block) - gap * (len(block) - 1) / 2


def _block_end(block: list[float], gap: float) -> float:
    return _block_start(block, gap) + gap * (len(block) - 1)


# Room for a two-digit label at 8 pt, in inches; the figure's width and the axes' side
# margins (fractions of the width), which together turn that room into years.
LABEL_WIDTH_IN = 0.2
FIG_WIDTH_IN, AXES_LEFT, AXES_RIGHT = 9, 0.14, 0.98


def chart_svg(model: TimelineModel, selected: str | None = None, title: str | None = None,
              desc_id: str | None = None) -> Markup:
    """The visible events as an inline SVG chart (the selected one drawn larger)."""
    cats = model.all_categories
    with charts.chart_style():
        fig = charts.new_figure(FIG_WIDTH_IN, 0.55 * len(cats) + 1.3)
        ax = fig.add_subplot()
        lo, hi = model.year_range
        left, right = lo - 0.8, hi + 1.2
        gap = LABEL_WIDTH_IN * (right - left) / (FIG_WIDTH_IN * (AXES_RIGHT - AXES_LEFT))
        visible = model.visible()
        for row, cat in enumerate(cats):
            colour, marker, _symbol = CATEGORY_STYLE[cat]
            events = [e for e in visible if e.category == cat]
            ax.axhline(row, color="#cccccc", linewidth=0.8, zorder=1)
            if not events:
                continue
            xs = [e.date.as_float_year for e in events]
            for e, x, label_x in zip(events, xs, spread_labels(xs, gap), strict=True):
                if e.end_date:
                    ax.plot([x, e.end_date.as_float_year], [row, row], color=colour,
                            linewidth=4, alpha=0.6, zorder=2)
                moved = abs(label_x - x) > 1e-9
                ax.annotate(str(model.number(e.id)), (x, row), xytext=(label_x, row + 0.3),
                            textcoords="data", ha="center", va="bottom", fontsize=8,
                            color="#1a1a1a",
                            arrowprops={"arrowstyle": "-", "color": "#555555", "linewidth": 0.6,
                                        "shrinkA": 0, "shrinkB": 4} if moved else None)
            big = [e.id == selected for e in events]
            ax.scatter(xs, [row] * len(xs), s=[140 if b else 70 for b in big], marker=marker,
                       color=colour, edgecolors="black",
                       linewidths=[1.8 if b else 0.6 for b in big], zorder=3)
        ax.set_yticks(range(len(cats)))
        ax.set_yticklabels([category_label(c) for c in cats])
        ax.set_ylim(-0.7, len(cats) - 0.3)
        ax.set_xlim(left, right)
        ax.set_xlabel(t("timeline_axis_year"))
        ax.grid(axis="x", color="#e6e6e6", linewidth=0.6)
        for spine in ("top", "right"):
            ax.spines[spine].set_visible(False)
        # Fixed margins instead of tight_layout (which renders the figure an extra time).
        fig.subplots_adjust(left=AXES_LEFT, right=AXES_RIGHT, top=0.92,
                            bottom=0.58 / fig.get_figheight())
    return charts.figure_svg(fig, title=title, desc_id=desc_id)
