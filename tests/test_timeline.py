"""Timeline model and view, driven without a kernel or a browser."""

from __future__ import annotations

import pytest

from curriculum.activities.timeline import TimelineModel
from curriculum.course.model import Timeline
from curriculum.present.strings import t
from curriculum.present.timeline import chart_description, chart_svg, spread_labels
from widgets.timeline import TimelineView


def make_timeline() -> Timeline:
    def ev(i, date, cat, end=None):
        d = {"id": i, "date": date, "title": f"T {i}", "description": "D", "category": cat,
             "source": "s"}
        if end:
            d["end_date"] = end
        return d

    return Timeline.model_validate({
        "kind": "timeline", "id": "t", "title": "T", "instructions": "I",
        "events": [ev("b", "2013-07-15", "crime"), ev("a", 1998, "technology"),
                   ev("c", "2014-08", "enforcement"), ev("d", 2021, "crime"),
                   ev("e", "2010", "crime", end="2013"), ev("f", "2021-10-08", "law")],
    })


def ids(events):
    return [e.id for e in events]


def test_events_sorted_and_numbered_by_date():
    m = TimelineModel(make_timeline())
    assert ids(m.visible()) == ["a", "e", "b", "c", "d", "f"]
    assert m.number("a") == 1 and m.number("f") == 6
    assert (m.min_year, m.max_year) == (1998, 2021)


def test_category_filter_yields_exactly_the_expected_events():
    m = TimelineModel(make_timeline())
    m.set_categories({"crime"})
    assert ids(m.visible()) == ["e", "b", "d"]
    m.set_categories({"law", "technology"})
    assert ids(m.visible()) == ["a", "f"]
    m.set_categories(set())
    assert m.visible() == []
    with pytest.raises(ValueError):
        m.set_categories({"gossip"})


def test_year_range_filter_includes_overlapping_spans():
    m = TimelineModel(make_timeline())
    m.set_years(2012, 2014)
    assert ids(m.visible()) == ["e", "b", "c"]  # e spans 2010-2013
    m.set_years(2014, 2012)  # reversed input is accepted
    assert ids(m.visible()) == ["e", "b", "c"]
    m.set_categories({"crime"})
    m.set_years(2021, 2021)
    assert ids(m.visible()) == ["d"]


def test_selection_shows_source_and_clears_when_filtered_out():
    sources = {"s": "the-source"}
    m = TimelineModel(make_timeline(), sources.get)
    details = m.select("c")
    assert details.event.id == "c" and details.sources == ("the-source",)
    assert details.number == 4
    m.set_categories({"crime"})
    assert m.selected is None
    with pytest.raises(ValueError):
        m.select("c")


def test_chart_is_svg_and_described_in_words():
    m = TimelineModel(make_timeline())
    m.set_categories({"law"})
    svg = chart_svg(m)
    assert svg.startswith("<svg") and "<?xml" not in svg  # inline, from present.charts
    text = chart_description(m)
    assert text.startswith("Timeline chart of 1 events")
    assert "T f" in text and "T a" not in text
    m.set_categories(set())
    assert "no events match" in chart_description(m)


def test_view_filters_and_opens_an_event_with_its_source(course):
    lesson = course.lessons["01-history"]
    view = TimelineView(course, lesson, lesson.activities["timeline"])
    total = len(view.model.events)
    assert total >= 15
    assert len(view.events.options) == total
    assert f"{total} of {total} events shown" in view.count.value
    for cat, box in view.boxes.items():
        box.value = cat == "enforcement"
    shown = [value for _label, value in view.events.options]
    expected = [e.id for e in view.model.events if e.category == "enforcement"]
    assert shown == expected and expected
    view.events.value = "caparas-arrest"
    assert "August 2014" in view.details.value
    assert "interpol.int" in view.details.value  # the source link
    assert t("timeline_seed_check") in view.details.value
    assert 'alt="Timeline chart of' in view.chart.value


def test_sensitive_event_shows_help_next_to_it(course):
    """A hard story carries Hong Kong help beside it. Daniel Perry's death is no longer a
    student event (its news pages give the method and place), so the story is made here."""
    lesson = course.lessons["01-history"]
    timeline = lesson.activities["timeline"]
    assert "daniel-perry" not in {e.id for e in timeline.events}
    hard = timeline.events[0].model_copy(update={
        "id": "hard-story", "sensitive": True,
        "description": "A young man was blackmailed and later died by suicide."})
    timeline = timeline.model_copy(update={"events": [*timeline.events, hard]})
    view = TimelineView(course, lesson, timeline)
    view.events.value = "hard-story"
    html = view.details.value
    assert "died by suicide" in html
    assert "2896 0000" in html  # The Samaritans, next to the story
    assert "cyberdefender.hk" in html  # its source link
    assert "bbc.com" not in html


def test_year_lists_narrow_the_list(course):
    lesson = course.lessons["01-history"]
    view = TimelineView(course, lesson, lesson.activities["timeline"])
    view.year_from.value = 2021
    view.year_to.value = 2022
    years = {view.model.details(v).event.date.year for _l, v in view.events.options}
    assert years and years <= {2021, 2022}


def test_event_numbers_close_together_are_spread_apart():
    """Four research reports within a year printed their numbers on top of each other."""
    xs = [2010.0, 2023.0, 2023.17, 2023.42, 2024.0]
    placed = spread_labels(xs, gap=0.8)
    assert placed[0] == 2010.0, "a lone event keeps its number right above it"
    cluster = placed[1:]
    assert all(b - a >= 0.8 - 1e-9 for a, b in zip(cluster, cluster[1:], strict=False))
    assert abs(sum(cluster) / 4 - sum(xs[1:]) / 4) < 1e-9, "the run of numbers is centred on its events"
    assert placed == sorted(placed), "numbers stay in date order"
    assert spread_labels([], 1.0) == []


def test_spreading_one_cluster_can_push_into_the_next():
    placed = spread_labels([1.0, 1.1, 1.9], gap=0.6)
    assert all(b - a >= 0.6 - 1e-9 for a, b in zip(placed, placed[1:], strict=False))
    assert placed[2] != 1.9, "the third event's number joins the run the first two made"
    assert abs(placed[1] - (1.0 + 1.1 + 1.9) / 3) < 1e-9
