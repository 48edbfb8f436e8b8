"""``show`` starts recording answers into the learner's store; building a view (as tests and
benchmarks do) does not."""

from __future__ import annotations

import pytest

from curriculum.activities import attempts
from curriculum.activities.attempts import Attempt, emit
from curriculum.classroom import recording
from curriculum.classroom.progress_file import ENV_VAR
from curriculum.classroom.recording import Recorder, store_for
from curriculum.course.packaged import packaged_course
from widgets.registry import show, view_for


def test_building_a_view_records_nothing(monkeypatch):
    monkeypatch.setattr(attempts, "_listeners", [])
    view = view_for("01-history/quiz", packaged_course())
    assert attempts._listeners == []
    card = view.cards[0]
    card.controls[0].value = True
    card.check.click()  # an answer given in a model test is not written anywhere
    assert attempts._listeners == []


def test_show_starts_recording_once(monkeypatch):
    monkeypatch.setattr(attempts, "_listeners", [])
    show("01-history/quiz")
    show("02-mechanics/quiz")
    assert attempts._listeners == [Recorder(store_for())]


def test_a_file_that_cannot_be_opened_says_so_on_each_answer_until_a_show_opens_it(
        tmp_path, monkeypatch, recorded_attempts):
    path = tmp_path / "progress.sqlite3"
    path.write_text("someone else's notes")
    monkeypatch.setenv(ENV_VAR, str(path))
    monkeypatch.setattr(recording, "_stores", {})
    show("01-history/quiz")  # the lesson goes on
    answer = Attempt("01-history", "quiz", "quiz", "q1", ("a",), True)
    for _ in range(2):
        with pytest.warns(RuntimeWarning, match="not a progress database"):
            outcome = emit(answer)
        assert outcome.failed and "not a progress database" in str(outcome.failures[0])
    path.unlink()
    show("01-history/quiz")
    assert emit(answer).saved
    assert attempts._listeners == [recorded_attempts.append, Recorder(store_for(path))]
    assert store_for(path).count() == 1
