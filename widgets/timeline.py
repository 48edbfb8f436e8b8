"""Timeline: events on a chart, filtered by category and years, each opened with its source.

``TimelineModel`` is the filter-and-select logic (tested without a browser);
``draw_timeline`` turns the visible events into an SVG with matplotlib (imported only
when drawing); ``TimelineView`` wires checkboxes, two year lists and an event list to
both. The chart never relies on colour alone: each category has its own marker shape
and its own labelled row, and events are numbered to match the list.
"""

from __future__ import annotations

import base64

import ipywidgets as w

from curriculum import html as h
from curriculum.model import Course, Lesson, Timeline

from .style import style_tag
from .timeline_chart import (  # noqa: F401  (re-exported: the view's public names)
    CATEGORY_STYLE,
    EventDetails,
    TimelineModel,
    chart_description,
    draw_timeline,
)


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
    """Category checkboxes, From/To year lists, the chart, an event list and details.

    The years are two drop-down lists rather than ipywidgets' range slider: the slider's
    handles have no accessible name (axe-core, rule aria-input-field-name), and a
    labelled list works the same with a mouse, a keyboard or a screen reader.
    """

    def __init__(self, course: Course, lesson: Lesson, activity: Timeline):
        self.course = course
        self.model = TimelineModel(activity, lambda sid: course.source(lesson.id, sid))
        m = self.model
        self.boxes = {c: w.Checkbox(value=True, description=CATEGORY_STYLE[c][2], indent=False,
                                    layout=w.Layout(width="auto"))
                      for c in m.all_categories}
        years = list(range(m.min_year, m.max_year + 1))
        self.year_from = w.Dropdown(options=years, value=m.year_range[0], description="From",
                                    layout=w.Layout(width="auto"))
        self.year_to = w.Dropdown(options=years, value=m.year_range[1], description="To",
                                  layout=w.Layout(width="auto"))
        self.chart = w.HTML()
        self.events = w.Select(options=[], rows=8, description="Events",
                               layout=w.Layout(width="min(640px, 100%)"))
        self.details = w.HTML("<p><em>Pick an event from the list to read about it.</em></p>")
        self.count = w.HTML()
        for box in self.boxes.values():
            box.observe(self._on_filter, names="value")
        self.year_from.observe(self._on_filter, names="value")
        self.year_to.observe(self._on_filter, names="value")
        self.events.observe(self._on_select, names="value")
        header = w.HTML(style_tag() + f"<h3>{h.esc(activity.title)}</h3>"
                        f"<p>{h.esc(activity.instructions)}</p>")
        legend = w.HTML("<p><small>Each row is one category with its own marker shape: "
                        "● technology, ✖ crime, ■ enforcement, ◆ law, ▲ research. "
                        "Numbers on the chart match the event list.</small></p>")
        super().__init__([header, w.HBox([w.Label("Show:"), *self.boxes.values()]),
                          w.HBox([w.Label("Years:"), self.year_from, self.year_to]),
                          self.chart, legend, self.count, self.events, self.details])
        self.add_class("csc-timeline")
        self._refresh()

    def _on_filter(self, _change=None) -> None:
        self.model.set_categories({c for c, b in self.boxes.items() if b.value})
        self.model.set_years(self.year_from.value, self.year_to.value)
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
        keep = self.model.selected
        self.events.unobserve(self._on_select, names="value")
        self.events.options = [(f"{self.model.number(e.id)}. {e.label}: {e.title}", e.id)
                               for e in visible]
        self.events.value = keep if keep in {e.id for e in visible} else None
        self.events.observe(self._on_select, names="value")
        # after the list, so the count a learner reads never runs ahead of the list
        self.count.value = f"<p>{len(visible)} of {len(self.model.events)} events shown.</p>"
        if self.events.value is None:
            self.details.value = "<p><em>Pick an event from the list to read about it.</em></p>"
        self._redraw()

    def _redraw(self) -> None:
        svg = draw_timeline(self.model, self.model.selected)
        self.chart.value = _svg_img(svg, chart_description(self.model))
