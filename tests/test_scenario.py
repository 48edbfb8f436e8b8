"""Scenario model and view: choices, feedback, grading, endings, going back, restarting."""

from __future__ import annotations

import pytest

from curriculum.activities.scenario import ScenarioModel
from curriculum.course.model import Scenario
from curriculum.present.scenario import ending_title
from tests.inline_course import SOURCE_URL
from widgets.scenario import ScenarioView


def make_scenario(**text) -> Scenario:
    """start -> (best: calm | other: panic); calm has no best choice; two endings."""
    return Scenario.model_validate({
        "kind": "scenario", "id": "story", "title": "A story", "instructions": "Choose.",
        "start": "start", "sources": ["test-source"],
        "nodes": [
            {"id": "start", "text": text.get("start", "A message arrives."), "choices": [
                {"text": text.get("choice", "Panic"), "goto": "panic",
                 "feedback": text.get("feedback", "Panicking makes it harder.")},
                {"text": "Stay calm", "goto": "calm", "feedback": "Calm helps.", "best": True},
            ]},
            {"id": "panic", "text": "You feel worse.", "choices": [
                {"text": "Tell a friend", "goto": "calm", "feedback": "Good.", "best": True},
                {"text": "Pay", "goto": "hard-end", "feedback": "Paying does not end it."},
            ]},
            {"id": "calm", "text": "You think.", "choices": [
                {"text": "Tell a parent", "goto": "good-end", "feedback": "Fine."},
                {"text": "Tell a teacher", "goto": "good-end", "feedback": "Also fine."},
            ]},
            {"id": "good-end", "text": "You got help.", "ending": "good"},
            {"id": "hard-end", "text": "It got worse.", "ending": "hard"},
        ],
    })


def test_choose_gives_feedback_grades_and_moves_on():
    m = ScenarioModel(make_scenario(), "99-test")
    assert m.current.id == "start" and not m.at_end and m.ending is None
    step = m.choose(0)
    assert step.correct is False and step.choice.feedback == "Panicking makes it harder."
    assert m.current.id == "panic"
    assert m.choose(0).correct is True
    step = m.choose(1)  # no choice at "calm" is marked best: ungraded
    assert step.correct is None
    assert m.at_end and m.ending == "good"
    assert [s.node.id for s in m.path] == ["start", "panic", "calm"]
    with pytest.raises(ValueError, match="ended"):
        m.choose(0)


def test_bad_choice_index_is_refused():
    m = ScenarioModel(make_scenario())
    with pytest.raises(IndexError):
        m.choose(2)
    assert m.current.id == "start" and m.path == []


def test_back_and_restart():
    m = ScenarioModel(make_scenario())
    with pytest.raises(ValueError):
        m.back()
    m.choose(0)
    m.choose(1)
    assert m.at_end and m.ending == "hard"
    m.back()
    assert m.current.id == "panic" and len(m.path) == 1
    m.restart()
    assert m.current.id == "start" and m.path == [] and m.runs == 2


def test_each_choice_is_emitted_as_an_attempt(recorded_attempts):
    m = ScenarioModel(make_scenario(), "99-test")
    m.choose(1)
    m.choose(0)
    m.restart()
    m.choose(1)
    got = [(a.lesson, a.activity, a.item, a.answer, a.correct, a.kind) for a in recorded_attempts]
    assert got == [("99-test", "story", "start", ("1", "calm"), True, "scenario"),
                   ("99-test", "story", "calm", ("0", "good-end"), None, "scenario"),
                   ("99-test", "story", "start", ("1", "calm"), True, "scenario")]


def test_view_plays_to_an_ending_and_starts_again(tiny):
    course, lesson = tiny
    view = ScenarioView(course, lesson, make_scenario())
    assert "A message arrives." in view.node_text.value
    assert [b.description for b in view.choice_buttons] == ["Panic", "Stay calm"]
    assert view.restart.disabled and view.back.disabled
    assert SOURCE_URL in view.children[-1].value  # the sources line
    pressed = view.choice_buttons[0]
    pressed.click()
    assert "✗" in view.feedback.value and "Panicking makes it harder." in view.feedback.value
    assert view.choice_buttons[0] is pressed  # reused, so keyboard focus stays put
    assert pressed.description == "Tell a friend"
    assert "You feel worse." in view.node_text.value
    assert "Panic" in view.path.value and view.ending.value == ""
    view.choice_buttons[1].click()
    assert ending_title("hard") in view.ending.value
    assert "not the person being threatened" in view.ending.value
    assert view.choice_buttons == [] and "Paying does not end it." in view.feedback.value
    view.back.click()
    assert "You feel worse." in view.node_text.value and view.ending.value == ""
    view.choice_buttons[0].click()
    assert "✓ Good choice" in view.feedback.value
    view.restart.click()
    assert "A message arrives." in view.node_text.value
    assert view.feedback.value == "" and view.path.value == "" and view.restart.disabled


def test_view_escapes_content(tiny):
    course, lesson = tiny
    evil = make_scenario(start="<script>alert(1)</script>", feedback="<img src=x onerror=1>",
                         choice="<b>Panic</b>")
    view = ScenarioView(course, lesson, evil)
    assert "<script>" not in view.node_text.value and "&lt;script&gt;" in view.node_text.value
    view.choice_buttons[0].click()
    assert "<img" not in view.feedback.value and "&lt;img" in view.feedback.value
    assert "<b>Panic</b>" not in view.path.value + view.feedback.value
    assert "Test &lt;source&gt;" in view.children[-1].value
