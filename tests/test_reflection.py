"""Reflection: text per prompt, Save emits the text ungraded, the privacy note is shown."""

from __future__ import annotations

import pytest

from curriculum.activities.reflection import ReflectionModel
from curriculum.course.model import Reflection
from widgets.reflection import ReflectionView


def make_reflection(prompt: str = "My plan if someone threatens me is...") -> Reflection:
    return Reflection.model_validate({
        "kind": "reflection", "id": "plan", "title": "My plan", "instructions": "Write.",
        "prompts": [prompt, "Who would I tell?"],
        "privacy_note": "What you write stays on this computer.",
    })


def test_save_emits_each_written_answer_ungraded(recorded_attempts):
    m = ReflectionModel(make_reflection(), "99-test")
    with pytest.raises(ValueError, match="write something"):
        m.save()
    m.set_text(1, "  My big sister  ")
    assert not m.saved
    m.save()
    m.set_text(0, "Stop, save, tell.")
    assert not m.saved
    m.save()
    assert m.saved
    assert [(a.lesson, a.activity, a.item, a.answer, a.correct, a.kind) for a in recorded_attempts] == [
        ("99-test", "plan", "prompt-2", ("My big sister",), None, "reflection"),
        ("99-test", "plan", "prompt-1", ("Stop, save, tell.",), None, "reflection"),
        ("99-test", "plan", "prompt-2", ("My big sister",), None, "reflection")]
    with pytest.raises(IndexError):
        m.set_text(2, "x")


def test_view_save_confirms_and_notices_changes(tiny, recorded_attempts):
    course, lesson = tiny
    view = ReflectionView(course, lesson, make_reflection())
    assert "What you write stays on this computer." in view.children[1].value
    assert len(view.boxes) == 2 and view.save.disabled
    view.boxes[0].value = "   "
    assert view.save.disabled
    view.boxes[0].value = "Block and report."
    assert not view.save.disabled
    view.save.click()
    assert "✓ Saved" in view.status.value
    assert [a.answer for a in recorded_attempts] == [("Block and report.",)]
    view.boxes[1].value = "Mum"
    assert "not saved" in view.status.value


def test_view_escapes_content(tiny):
    course, lesson = tiny
    view = ReflectionView(course, lesson, make_reflection("<script>alert(1)</script>"))
    html = view.children[2].children[0].value
    assert "<script>" not in html and "&lt;script&gt;" in html
