"""The paper renderers, per kind, on small inline data: both audiences, no answers for
students."""

from __future__ import annotations

import re

import pytest

from curriculum.course.model import ACTIVITY_KINDS
from curriculum.handout import sections
from curriculum.handout.layouts import RENDERERS, PaperContext, render_activity

from .handout_support import ANSWER_MARKERS, normalise, parse, plain_text


@pytest.mark.parametrize("kind", ACTIVITY_KINDS)
def test_each_kind_renders_for_both_audiences_without_answers_for_students(small_course, kind):
    assert set(RENDERERS) == set(ACTIVITY_KINDS)
    lesson = small_course.lessons["09-test"]
    activity = lesson.activities[kind]
    student = render_activity(PaperContext(small_course, lesson, "student", 3), activity)
    educator = render_activity(PaperContext(small_course, lesson, "educator", 3), activity)
    assert f'<h3 id="{kind}-title">Title</h3>' in student
    s_text = plain_text(student)
    for marker in ANSWER_MARKERS:
        assert marker not in s_text, f"{kind}: {marker} in the student version"
    assert not any("answer" in (a.get("class") or "") for _t, a in parse(student).tags)
    mine = [m for m in ANSWER_MARKERS if m in plain_text(educator)]
    answer_text = normalise(" ".join(parse(educator).answer_text))
    assert all(m in answer_text for m in mine)
    if kind in ("quiz", "scenario", "redflags", "ordering", "law"):
        assert mine, f"{kind}: the educator version shows no answer"


def test_student_sheet_shows_the_tasks(small_course):
    lesson = small_course.lessons["09-test"]
    ctx = PaperContext(small_course, lesson, "student", 2)
    a = lesson.activities
    quiz = render_activity(ctx, a["quiz"])
    assert quiz.count('type="checkbox"') == 2 and "Option A" in quiz and "Option B" in quiz
    order = render_activity(ctx, a["ordering"])
    shown = re.findall(r"Step (\d)", plain_text(order))
    assert sorted(shown) == ["1", "2", "3"] and shown != ["1", "2", "3"]  # never the answer
    law = render_activity(ctx, a["law"])
    assert "Someone threatens" in law and "Blackmail" not in law and "14 years" not in law
    tl = render_activity(ctx, a["timeline"])
    assert "<svg" in tl and 'role="img"' in tl and "Timeline chart of 2 events" in tl
    assert "<?xml" not in tl and "DOCTYPE" not in tl
    assert "If this is hard to read" in tl  # help next to the sensitive event
    flags = render_activity(ctx, a["redflags"])
    assert flags.count('type="checkbox"') == 2 and "Pay me" in flags
    scen = render_activity(ctx, a["scenario"])
    assert "Tell" in scen and "Good end" not in scen and "Best" not in scen
    refl = render_activity(ctx, a["reflection"])
    assert "csc-line" in refl and "Private" in refl


def test_educator_notes_section(small_course):
    notes = sections.educator_notes(small_course, small_course.lessons["09-test"])
    for s in ("FACILITATE", "5 min", "DISCUSS", "LIKELY-ANSWER", "SAFEGUARD"):
        assert s in notes
