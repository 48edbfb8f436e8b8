"""The timeline's pure parts: which events show, and the chart drawn as SVG.

Kept apart from ``timeline.py`` (the ipywidgets view) so that the printed handouts can
draw the same chart without importing ipywidgets. matplotlib is imported only when a
chart is drawn. The chart never relies on colour alone: each category has its own
marker shape and its own labelled row, and events are numbered to match the list.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from curriculum.model import CATEGORIES, Source, Timeline, TimelineEvent

# Okabe-Ito colour-blind-safe palette, plus a distinct marker per category.
CATEGORY_STYLE: dict[str, tuple[str, str, str]] = {
    # category: (colour, matplotlib marker, label)
    "technology": ("#0072B2", "o", "Technology"),
    "crime": ("#D55E00", "X", "Crime"),
    "enforcement": ("#009E73", "s", "Enforcement"),
    "law": ("#CC79A7", "D", "Law"),
    "research": ("#E69F00", "^", "Research"),
}


@dataclass(frozen=True)
class EventDetails:
    event: TimelineEvent
    number: int
    sources: tuple[Source, ...]


class TimelineModel:
    """Which events are visible, and which one is open."""

    def __init__(self, timeline: Timeline, resolve_source=None):
        self.timeline = timeline
        self.events = sorted(timeline.events, key=lambda e: e.date.sort_key)
        self._resolve = resolve_source or (lambda sid: None)
        self.categories: set[str] = {e.category for e in self.events}
        self.min_year = min(e.date.year for e in self.events)
        self.max_year = max((e.end_date or e.date).year for e in self.events)
        self.year_range: tuple[int, int] = (self.min_year, self.max_year)
        self.selected: str | None = None

    @property
    def all_categories(self) -> list[str]:
        """Categories present in this timeline, in the course's standard order."""
        present = {e.category for e in self.events}
        return [c for c in CATEGORIES if c in present]

    def set_categories(self, categories: set[str] | list[str]) -> None:
        unknown = set(categories) - set(CATEGORIES)
        if unknown:
            raise ValueError(f"unknown categories: {sorted(unknown)}")
        self.categories = set(categories)
        self._drop_hidden_selection()

    def set_years(self, start: int, end: int) -> None:
        if start > end:
            start, end = end, start
        self.year_range = (start, end)
        self._drop_hidden_selection()

    def visible(self) -> list[TimelineEvent]:
        """Events in a chosen category whose dates overlap the chosen years, oldest first."""
        lo, hi = self.year_range
        return [e for e in self.events
                if e.category in self.categories
                and e.date.year <= hi and (e.end_date or e.date).year >= lo]

    def number(self, event_id: str) -> int:
        """The event's fixed number (1 = oldest), the same on the chart and in the list."""
        return next(i for i, e in enumerate(self.events, start=1) if e.id == event_id)

    def select(self, event_id: str | None) -> EventDetails | None:
        if event_id is None:
            self.selected = None
            return None
        if event_id not in {e.id for e in self.visible()}:
            raise ValueError(f"event {event_id!r} is not among the visible events")
        self.selected = event_id
        return self.details(event_id)

    def details(self, event_id: str) -> EventDetails:
        event = next(e for e in self.events if e.id == event_id)
        sources = tuple(s for s in (self._resolve(sid) for sid in
                                    [event.source, *event.also_source]) if s is not None)
        return EventDetails(event, self.number(event_id), sources)

    def _drop_hidden_selection(self) -> None:
        if self.selected and self.selected not in {e.id for e in self.visible()}:
            self.selected = None


def chart_description(model: TimelineModel) -> str:
    """A text alternative for the chart: what it shows, in words."""
    events = model.visible()
    lo, hi = model.year_range
    if not events:
        return f"Timeline chart: no events match the chosen categories between {lo} and {hi}."
    parts = "; ".join(f"{model.number(e.id)}. {e.label}, {e.category}: {e.title}"
                      for e in events)
    return f"Timeline chart of {len(events)} events from {lo} to {hi}: {parts}."


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


def draw_timeline(model: TimelineModel, selected: str | None = None) -> str:
    """Draw the visible events as an SVG document (text)."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    cats = model.all_categories
    fig = Figure(figsize=(FIG_WIDTH_IN, 0.55 * len(cats) + 1.3), dpi=100)
    ax = fig.add_subplot()
    lo, hi = model.year_range
    left, right = lo - 0.8, hi + 1.2
    gap = LABEL_WIDTH_IN * (right - left) / (FIG_WIDTH_IN * (AXES_RIGHT - AXES_LEFT))  # years
    for row, cat in enumerate(cats):
        colour, marker, label = CATEGORY_STYLE[cat]
        events = [e for e in model.visible() if e.category == cat]
        ax.axhline(row, color="#cccccc", linewidth=0.8, zorder=1)
        if not events:
            continue
        xs = [e.date.as_float_year for e in events]
        for e, x, label_x in zip(events, xs, spread_labels(xs, gap), strict=True):
            if e.end_date:
                ax.plot([x, e.end_date.as_float_year], [row, row], color=colour, linewidth=4,
                        alpha=0.6, zorder=2)
            moved = abs(label_x - x) > 1e-9
            ax.annotate(str(model.number(e.id)), (x, row), xytext=(label_x, row + 0.3),
                        textcoords="data", ha="center", va="bottom", fontsize=8, color="#1a1a1a",
                        arrowprops={"arrowstyle": "-", "color": "#555555", "linewidth": 0.6,
                                    "shrinkA": 0, "shrinkB": 4} if moved else None)
        big = [e.id == selected for e in events]
        ax.scatter(xs, [row] * len(xs), s=[140 if b else 70 for b in big], marker=marker,
                   color=colour, edgecolors="black",
                   linewidths=[1.8 if b else 0.6 for b in big], zorder=3)
    ax.set_yticks(range(len(cats)))
    ax.set_yticklabels([f"{CATEGORY_STYLE[c][2]}" for c in cats])
    ax.set_ylim(-0.7, len(cats) - 0.3)
    ax.set_xlim(left, right)
    ax.set_xlabel("Year")
    ax.grid(axis="x", color="#e6e6e6", linewidth=0.6)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    # Fixed margins instead of tight_layout (which renders the figure an extra time), and
    # text kept as text in the SVG: smaller, faster, and readable by screen readers.
    fig.subplots_adjust(left=AXES_LEFT, right=AXES_RIGHT, top=0.92, bottom=0.58 / fig.get_figheight())
    buf = io.StringIO()
    with rc_context({"svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()
