"""Timeline: events on a chart, filtered by category and years, each opened with its source.

``TimelineModel`` is the filter-and-select logic (tested without a browser);
``draw_timeline`` turns the visible events into an SVG with matplotlib (imported only
when drawing); ``TimelineView`` wires checkboxes, a year slider and an event list to
both. The chart never relies on colour alone: each category has its own marker shape
and its own labelled row, and events are numbered to match the list.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import ipywidgets as w

from curriculum import html as h
from curriculum.model import CATEGORIES, Course, Lesson, Source, Timeline, TimelineEvent

from .style import style_tag

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


def draw_timeline(model: TimelineModel, selected: str | None = None) -> str:
    """Draw the visible events as an SVG document (text)."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    cats = model.all_categories
    fig = Figure(figsize=(9, 0.55 * len(cats) + 1.3), dpi=100)
    ax = fig.add_subplot()
    lo, hi = model.year_range
    for row, cat in enumerate(cats):
        colour, marker, label = CATEGORY_STYLE[cat]
        events = [e for e in model.visible() if e.category == cat]
        ax.axhline(row, color="#cccccc", linewidth=0.8, zorder=1)
        if not events:
            continue
        xs = [e.date.as_float_year for e in events]
        for e, x in zip(events, xs, strict=True):
            if e.end_date:
                ax.plot([x, e.end_date.as_float_year], [row, row], color=colour, linewidth=4,
                        alpha=0.6, zorder=2)
            ax.annotate(str(model.number(e.id)), (x, row), xytext=(0, 9),
                        textcoords="offset points", ha="center", fontsize=8, color="#1a1a1a")
        big = [e.id == selected for e in events]
        ax.scatter(xs, [row] * len(xs), s=[140 if b else 70 for b in big], marker=marker,
                   color=colour, edgecolors="black",
                   linewidths=[1.8 if b else 0.6 for b in big], zorder=3)
    ax.set_yticks(range(len(cats)))
    ax.set_yticklabels([f"{CATEGORY_STYLE[c][2]}" for c in cats])
    ax.set_ylim(-0.7, len(cats) - 0.3)
    ax.set_xlim(lo - 0.8, hi + 1.2)
    ax.set_xlabel("Year")
    ax.grid(axis="x", color="#e6e6e6", linewidth=0.6)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    # Fixed margins instead of tight_layout (which renders the figure an extra time), and
    # text kept as text in the SVG: smaller, faster, and readable by screen readers.
    fig.subplots_adjust(left=0.14, right=0.98, top=0.92, bottom=0.58 / fig.get_figheight())
    buf = io.StringIO()
    with rc_context({"svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def _svg_img(svg: str, alt: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (f'<img src="data:image/svg+xml;base64,{data}" alt="{h.esc(alt)}" '
            f'style="max-width:100%;background:#fff;border-radius:4px">')


def details_html(details: EventDetails, support_html: str = "") -> str:
    e = details.event
    colour, _marker, label = CATEGORY_STYLE[e.category]
    correction = (f'<p class="csc-note"><strong>Checking the seed page:</strong> '
                  f"{h.esc(e.corrects_seed)}</p>" if e.corrects_seed else "")
    help_box = ""
    if e.sensitive:
        help_box = (f'<div class="csc-note" role="note"><strong>If this is hard to read:</strong> '
                    f"you can talk to someone right now.{support_html}</div>")
    return (f"<h4>{details.number}. {h.esc(e.title)}</h4>"
            f"<p><strong>When:</strong> {h.esc(e.label)} · <strong>Category:</strong> "
            f"{h.esc(label)}</p><p>{h.esc(e.description)}</p>{correction}{help_box}"
            f"{h.sources_line(details.sources)}")


class TimelineView(w.VBox):
    """Category checkboxes, a year-range slider, the chart, an event list and details."""

    def __init__(self, course: Course, lesson: Lesson, activity: Timeline):
        self.course = course
        self.model = TimelineModel(activity, lambda sid: course.source(lesson.id, sid))
        m = self.model
        self.boxes = {c: w.Checkbox(value=True, description=CATEGORY_STYLE[c][2], indent=False,
                                    layout=w.Layout(width="auto"))
                      for c in m.all_categories}
        self.years = w.IntRangeSlider(value=m.year_range, min=m.min_year, max=m.max_year,
                                      step=1, description="Years", continuous_update=False,
                                      layout=w.Layout(width="min(520px, 100%)"))
        self.chart = w.HTML()
        self.events = w.Select(options=[], rows=8, description="Events",
                               layout=w.Layout(width="min(640px, 100%)"))
        self.details = w.HTML("<p><em>Pick an event from the list to read about it.</em></p>")
        self.count = w.HTML()
        for box in self.boxes.values():
            box.observe(self._on_filter, names="value")
        self.years.observe(self._on_filter, names="value")
        self.events.observe(self._on_select, names="value")
        header = w.HTML(style_tag() + f"<h3>{h.esc(activity.title)}</h3>"
                        f"<p>{h.esc(activity.instructions)}</p>")
        legend = w.HTML("<p><small>Each row is one category with its own marker shape: "
                        "● technology, ✖ crime, ■ enforcement, ◆ law, ▲ research. "
                        "Numbers on the chart match the event list.</small></p>")
        super().__init__([header, w.HBox([w.Label("Show:"), *self.boxes.values()]),
                          self.years, self.chart, legend, self.count, self.events, self.details])
        self.add_class("csc-timeline")
        self._refresh()

    def _on_filter(self, _change=None) -> None:
        self.model.set_categories({c for c, b in self.boxes.items() if b.value})
        self.model.set_years(*self.years.value)
        self._refresh()

    def _on_select(self, change) -> None:
        details = self.model.select(change["new"])
        if details is None:
            self.details.value = "<p><em>Pick an event from the list to read about it.</em></p>"
        else:
            support = h.support_html(self.course, heading_level=5) if details.event.sensitive else ""
            self.details.value = details_html(details, support)
        self._redraw()

    def _refresh(self) -> None:
        visible = self.model.visible()
        self.count.value = f"<p>{len(visible)} of {len(self.model.events)} events shown.</p>"
        keep = self.model.selected
        self.events.unobserve(self._on_select, names="value")
        self.events.options = [(f"{self.model.number(e.id)}. {e.label}: {e.title}", e.id)
                               for e in visible]
        self.events.value = keep if keep in {e.id for e in visible} else None
        self.events.observe(self._on_select, names="value")
        if self.events.value is None:
            self.details.value = "<p><em>Pick an event from the list to read about it.</em></p>"
        self._redraw()

    def _redraw(self) -> None:
        svg = draw_timeline(self.model, self.model.selected)
        self.chart.value = _svg_img(svg, chart_description(self.model))
