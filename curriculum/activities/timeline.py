"""Timeline: which events are visible under the learner's filters, and which one is open.

``TimelineModel`` is the filter-and-select logic of the timeline activity; the chart
and the words around it are drawn by ``curriculum.present.timeline``.
"""

from __future__ import annotations

from dataclasses import dataclass

from curriculum.course.model import CATEGORIES, Source, Timeline, TimelineEvent


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


