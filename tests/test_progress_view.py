"""My progress: the model behind the view agrees with the answers given."""

from __future__ import annotations

import sqlite3

import matplotlib
import pytest

from curriculum.activities.attempts import Attempt
from curriculum.classroom.progress_model import ProgressModel
from curriculum.classroom.store import ProgressStore
from curriculum.present.progress import table_html
from widgets.progress_view import UnreadableProgress, progress_view


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
    assert "–" in table_html(model.rows)


def test_completion_and_score_use_latest_answers(course, store):
    qs = quiz_questions(course)
    store.record(Attempt("01-history", "quiz", "quiz", qs[0], ("x",), False))
    store.record(Attempt("01-history", "quiz", "quiz", qs[0], ("y",), True))
    store.record(Attempt("01-history", "quiz", "quiz", qs[1], ("x",), False))
    model = ProgressModel(course, store)
    row = next(r for r in model.rows if r.lesson == "01-history")
    assert (row.tried, row.graded, row.correct) == (2, 2, 1)
    assert row.units >= len(qs)
    assert row.score == 0.5
    assert f"2 of {row.units}" in table_html(model.rows)


def test_view_shows_chart_and_saves_name(course, store):
    view = progress_view(course, store)
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
    view = progress_view(course)
    assert isinstance(view, UnreadableProgress)
    assert "not a progress database" in view.children[1].value
    assert bad.read_text() == "not ours"


def test_view_of_an_unwritable_folder_shows_a_readable_alert(course, tmp_path, monkeypatch):
    (tmp_path / "home").write_text("a file where the folder should be")
    monkeypatch.setenv("CURRICULUM_PROGRESS_DB", str(tmp_path / "home" / "data" / "p.db"))
    view = progress_view(course)
    assert isinstance(view, UnreadableProgress)
    alert = view.children[1].value
    assert 'role="alert"' in alert and "cannot save answers in this folder" in alert
    assert str(tmp_path / "home" / "data") in alert and "Traceback" not in alert
    assert (tmp_path / "home").read_text() == "a file where the folder should be"


def test_a_name_that_cannot_be_saved_shows_an_alert(course, store, monkeypatch):
    view = progress_view(course, store)

    def full(name):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "set_pseudonym", full)
    view.name.value = "Night Owl"
    view._on_save()
    assert 'role="alert"' in view.message.value and "disk is full" in view.message.value
    assert str(store.path) in view.message.value


SENTINEL_BACKEND = "module://matplotlib_inline.backend_inline"


def test_drawing_my_progress_keeps_the_kernels_backend(course, store, monkeypatch):
    """A learner's kernel draws inline: My progress must not switch it to Agg."""
    monkeypatch.setitem(matplotlib.rcParams, "backend", SENTINEL_BACKEND)
    store.record(Attempt("01-history", "quiz", "quiz", quiz_questions(course)[0], ("x",), True))
    view = progress_view(course, store)
    view.redraw()
    assert "<svg" in view.chart.value
    assert matplotlib.rcParams["backend"] == SENTINEL_BACKEND


def test_my_progress_words_come_from_the_strings_table(course, store):
    """A pseudo-translation shows any word of My progress that bypassed strings.t."""
    from curriculum.present import progress as draw
    from curriculum.present.strings import MESSAGES, catalogue_override

    pseudo = {key: f"«{value}»" for key, value in MESSAGES.items()}
    model = ProgressModel(course, store)
    with catalogue_override(pseudo):
        table = draw.table_html(model.rows)
        svg = draw.chart_svg(model.rows)
        intro = draw.intro_html()
    assert "«Your progress per lesson»" in table and "«Lesson»" in table and "«–»" in table
    assert "«Completion»" in svg and "«Percent»" in svg and "«Your progress per lesson»" in svg
    assert "«My progress»" in intro


def test_a_lesson_title_is_never_read_as_maths(course, store):
    from curriculum.classroom.completion import LessonProgress
    from curriculum.present.progress import chart_svg

    rows = [LessonProgress("x", "Fines of HK$1 or HK$2", 2, 1, 1, 1),
            LessonProgress("y", r"Broken $\frac{$ maths", 2, 0, 0, 0)]
    svg = chart_svg(rows)
    assert "HK$1 or HK$2" in svg and r"$\frac{$" in svg
