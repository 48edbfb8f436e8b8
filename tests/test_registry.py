"""``show`` starts recording answers; building a view (as tests and benchmarks do) does not."""

from __future__ import annotations

from curriculum.activities import attempts
from curriculum.classroom.store import recorder
from curriculum.course.packaged import packaged_course
from widgets.registry import show, view_for


def test_building_a_view_records_nothing(monkeypatch):
    monkeypatch.setattr(attempts, "_listeners", [])
    view = view_for("01-history/quiz", packaged_course())
    assert recorder not in attempts._listeners
    card = view.cards[0]
    card.controls[0].value = True
    card.check.click()  # an answer given in a model test is not written anywhere
    assert attempts._listeners == []


def test_show_starts_recording_once(monkeypatch):
    monkeypatch.setattr(attempts, "_listeners", [])
    show("01-history/quiz")
    show("02-mechanics/quiz")
    assert attempts._listeners == [recorder]
