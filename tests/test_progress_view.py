"""My progress: the model behind the view agrees with the answers given."""

from __future__ import annotations

import pytest

from curriculum.progress import ProgressStore
from widgets.attempts import Attempt
from widgets.progress_view import ProgressModel, ProgressView


@pytest.fixture
def store(tmp_path):
    with ProgressStore(tmp_path / "p.db") as s:
        yield s


def quiz_questions(course):
    quiz = course.activity("01-history", "quiz")
    return [q.id for q in quiz.questions]


def test_empty_progress_is_zero_everywhere(course, store):
    model = ProgressModel(course, store)
    assert model.rows and [r.lesson for r in model.rows] == [e.id for e in course.meta.lessons]
    assert all(r.tried == 0 and r.completion == 0 and r.score is None for r in model.rows)
    assert "–" in model.table_html()


def test_completion_and_score_use_latest_answers(course, store):
    qs = quiz_questions(course)
    store.record(Attempt("01-history", "quiz", qs[0], ("x",), False, 1), "quiz")
    store.record(Attempt("01-history", "quiz", qs[0], ("y",), True, 2), "quiz")
    store.record(Attempt("01-history", "quiz", qs[1], ("x",), False, 1), "quiz")
    model = ProgressModel(course, store)
    row = next(r for r in model.rows if r.lesson == "01-history")
    assert (row.tried, row.graded, row.correct) == (2, 2, 1)
    assert row.units >= len(qs)
    assert row.score == 0.5
    assert f"2 of {row.units}" in model.table_html()


def test_view_shows_chart_and_saves_name(course, store):
    view = ProgressView(course, store)
    assert "<svg" in view.chart.value and "Completion" in view.chart.value
    view.name.value = "Night Owl"
    view._on_save()
    assert store.pseudonym == "Night Owl" and "Saved" in view.message.value
    view.name.value = " "
    view._on_save()
    assert "empty" in view.message.value and store.pseudonym == "Night Owl"


def test_view_of_a_damaged_file_shows_the_error(course, tmp_path, monkeypatch):
    bad = tmp_path / "bad.db"
    bad.write_text("not ours")
    monkeypatch.setenv("CURRICULUM_PROGRESS_DB", str(bad))
    view = ProgressView(course)
    assert view.model is None
    assert "not a progress database" in view.children[1].value
    assert bad.read_text() == "not ours"
