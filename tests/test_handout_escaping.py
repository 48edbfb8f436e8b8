"""Escaping: hostile content stays text in both audiences, in whole pages and in every
fragment."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curriculum.course.model import Course
from curriculum.handout import sections
from curriculum.handout.layouts import PaperContext, render_activity

from .handout_support import make_course, normalise, parse

HOSTILE = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</textarea><b>bold</b>",
    "' onmouseover='x", "<!-- c -->", "&lt;script&gt;", "{{ 7*7 }}", "<svg onload=alert(1)>",
]


def assert_inert(markup: str, t: str) -> None:
    doc = parse(markup)
    names = [tag for tag, _a in doc.tags]
    assert "script" not in names and "img" not in names and "b" not in names
    assert not any(k.startswith("on") for _t, a in doc.tags for k in a)
    assert normalise(t) in normalise("".join(doc.text))


@pytest.mark.parametrize("payload", HOSTILE)
def test_content_with_html_comes_out_as_inert_text(payload):
    """Whole pages (every kind, the timeline chart included), for each fixed payload."""
    t = f" {payload}<&\"'/ a=b"
    course = make_course(t)
    lesson = course.lessons["09-test"]
    for audience in ("student", "educator"):
        parts = [render_activity(PaperContext(course, lesson, audience, 3), a)
                 for a in lesson.activities.values()]
        parts += [sections.intro(course, lesson, 2), sections.summary(course, lesson, 2)]
        if audience == "educator":
            parts.append(sections.educator_notes(course, lesson))
        assert_inert("".join(parts), t)


def fragments(course: Course) -> str:
    """Every presentation fragment of every kind that draws content, without charts."""
    from markupsafe import Markup

    from curriculum.activities.ordering import OrderingModel
    from curriculum.activities.quiz import QuizModel
    from curriculum.activities.redflags import RedFlagsModel
    from curriculum.activities.scenario import ScenarioModel
    from curriculum.activities.timeline import TimelineModel
    from curriculum.present import facts, frame, law, ordering, quiz, redflags, reflection, scenario, timeline
    from curriculum.present.html import activity_header

    lesson = course.lessons["09-test"]
    a = lesson.activities
    src = lambda sid: course.source("09-test", sid)  # noqa: E731
    q = QuizModel(a["quiz"])
    q.select("q1", "b")
    sc = ScenarioModel(a["scenario"])
    rf = RedFlagsModel(a["redflags"])
    rf.mark("m2")
    tl = TimelineModel(a["timeline"], src)
    q1 = a["quiz"].questions[0]
    return Markup("").join([  # a str among them (the chart's text) is escaped for being one
        frame.intro_html(lesson), frame.summary_html(lesson), frame.support_html(course),
        activity_header(a["quiz"], 3), quiz.question_heading(1, q1),
        quiz.feedback_html(q.check("q1"), [src("s1")]),
        quiz.answer_key_html(q1, q1.options, [src("s1")]),
        *(timeline.event_html(tl.details(e.id), course) for e in tl.events),
        timeline.chart_description(tl), facts.facts_list_html(a["facts"], src),
        scenario.story_html(sc.current), scenario.step_html(sc.choose(0)),
        scenario.story_key_html(a["scenario"]),
        *(redflags.message_html(n, m) for n, m in enumerate(a["redflags"].messages, 1)),
        redflags.result_html(rf.check(), {"m1": 1, "m2": 2}),
        ordering.result_html(OrderingModel(a["ordering"]).check()),
        law.disclaimer_html(a["law"]),
        *(law.situation_html(course, "09-test", s) for s in a["law"].situations),
        reflection.privacy_html(a["reflection"]),
        *(reflection.prompt_html(n, p) for n, p in enumerate(a["reflection"].prompts, 1)),
    ])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=st.sampled_from(HOSTILE), extra=st.text(alphabet="<>&\"'/ abc=", max_size=12))
def test_fragments_keep_any_content_inert(payload, extra):
    """The property, on the pure fragments: any mix of markup characters stays text."""
    t = f" {payload}{extra}"
    assert_inert(fragments(make_course(t)), t)
