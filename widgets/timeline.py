"""Live timeline: category boxes, From/To years, the chart, the event list and details.

A thin ipywidgets layer over ``curriculum.activities.timeline.TimelineModel``; the chart,
the legend, the count and an event's details come from ``curriculum.present.timeline``,
the same fragments the printed handouts use.
"""

from __future__ import annotations

import base64

import ipywidgets as w
from markupsafe import Markup

from curriculum.activities.timeline import TimelineModel
from curriculum.course.model import Course, Lesson, Timeline
from curriculum.present import timeline as present
from curriculum.present.html import activity_header
from curriculum.present.strings import t

from .language import KeepsLanguage, in_view_language
from .style import style_tag


def _svg_img(svg: str, alt: str) -> Markup:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Markup('<img src="data:image/svg+xml;base64,{}" alt="{}" '
                  'style="max-width:100%;background:#fff;border-radius:4px">').format(data, alt)


def _pick_prompt() -> Markup:
    return Markup("<p><em>{}</em></p>").format(t("timeline_pick"))


class TimelineView(KeepsLanguage, w.VBox):
    """Category checkboxes, From/To year lists, the chart, an event list and details.

    The years are two drop-down lists rather than ipywidgets' range slider: the slider's
    handles have no accessible name (axe-core, rule aria-input-field-name), and a
    labelled list works the same with a mouse, a keyboard or a screen reader.
    """

    def __init__(self, course: Course, lesson: Lesson, activity: Timeline):
        self.course = course
        self.model = TimelineModel(activity, lambda sid: course.source(lesson.id, sid))
        m = self.model
        self.boxes = {c: w.Checkbox(value=True, description=present.category_label(c),
                                    indent=False, layout=w.Layout(width="auto"))
                      for c in m.all_categories}
        years = list(range(m.min_year, m.max_year + 1))
        self.year_from = w.Dropdown(options=years, value=m.year_range[0],
                                    description=t("timeline_from"), layout=w.Layout(width="auto"))
        self.year_to = w.Dropdown(options=years, value=m.year_range[1],
                                  description=t("timeline_to"), layout=w.Layout(width="auto"))
        self.chart = w.HTML()
        self.events = w.Select(options=[], rows=8, description=t("timeline_events"),
                               layout=w.Layout(width="min(640px, 100%)"))
        self.details = w.HTML(_pick_prompt())
        self.count = w.HTML()
        for box in self.boxes.values():
            box.observe(self._on_filter, names="value")
        self.year_from.observe(self._on_filter, names="value")
        self.year_to.observe(self._on_filter, names="value")
        self.events.observe(self._on_select, names="value")
        header = w.HTML(style_tag() + activity_header(activity, 3))
        legend = w.HTML(Markup("<p><small>{}</small></p>").format(present.legend_text(m)))
        super().__init__([header, w.HBox([w.Label(t("timeline_show")), *self.boxes.values()]),
                          w.HBox([w.Label(t("timeline_years")), self.year_from, self.year_to]),
                          self.chart, legend, self.count, self.events, self.details])
        self.add_class("csc-timeline")
        self._refresh()

    @in_view_language
    def _on_filter(self, _change=None) -> None:
        self.model.set_categories({c for c, b in self.boxes.items() if b.value})
        self.model.set_years(self.year_from.value, self.year_to.value)
        self._refresh()

    @in_view_language
    def _on_select(self, change) -> None:
        details = self.model.select(change["new"])
        self.details.value = (_pick_prompt() if details is None
                              else present.event_html(details, self.course, level=4))
        self._redraw()

    def _refresh(self) -> None:
        visible = self.model.visible()
        keep = self.model.selected
        self.events.unobserve(self._on_select, names="value")
        self.events.options = [(present.option_label(self.model, e), e.id) for e in visible]
        self.events.value = keep if keep in {e.id for e in visible} else None
        self.events.observe(self._on_select, names="value")
        # after the list, so the count a learner reads never runs ahead of the list
        self.count.value = Markup("<p>{}</p>").format(present.count_text(self.model))
        if self.events.value is None:
            self.details.value = _pick_prompt()
        self._redraw()

    def _redraw(self) -> None:
        svg = present.chart_svg(self.model, self.model.selected)
        self.chart.value = _svg_img(svg, present.chart_description(self.model))
