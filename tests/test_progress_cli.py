"""``python -m curriculum progress``: export to hand in, name, reset (asks first)."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from curriculum.activities.attempts import Attempt
from curriculum.classroom import store as pg
from curriculum.classroom.export import SCHEMA_FILE
from curriculum.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_with_no_answers_is_a_valid_empty_file(tmp_path, capsys):
    db, out = tmp_path / "p.db", tmp_path / "hand-in.json"
    code, text, _ = run(capsys, "progress", "--db", str(db), "export", "--out", str(out))
    assert code == 0 and "wrote 0 answers" in text
    data = json.loads(out.read_text())
    assert data["format"] == pg.EXPORT_FORMAT and data["attempts"] == []
    assert data["learner"]["pseudonym"]


def test_export_name_and_reflections_flag(tmp_path, capsys):
    db = tmp_path / "p.db"
    with pg.ProgressStore(db) as store:
        store.record(Attempt("01-history", "quiz", "q1", ("a",), True, 1), "quiz")
        store.record(Attempt("01-history", "reflect", "p1", ("secret",), None, 1), "reflection")
    assert run(capsys, "progress", "--db", str(db), "name", "Blue Whale")[0] == 0
    assert run(capsys, "progress", "--db", str(db), "name")[1].strip() == "Blue Whale"
    code, _, err = run(capsys, "progress", "--db", str(db), "name", "x" * 80)
    assert code == 1 and "at most" in err and "Traceback" not in err
    plain, full = tmp_path / "plain.json", tmp_path / "full.json"
    run(capsys, "progress", "--db", str(db), "export", "--out", str(plain))
    run(capsys, "progress", "--db", str(db), "export", "--out", str(full), "--include-reflections")
    assert "secret" not in plain.read_text()
    assert [a["answer"] for a in json.loads(full.read_text())["attempts"]] == [["a"], ["secret"]]
    assert json.loads(plain.read_text())["learner"]["pseudonym"] == "Blue Whale"


def test_reset_asks_first(tmp_path, capsys, monkeypatch):
    db = tmp_path / "p.db"
    with pg.ProgressStore(db) as store:
        store.record(Attempt("01-history", "quiz", "q1", ("a",), True, 1), "quiz")
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, out, _ = run(capsys, "progress", "--db", str(db), "reset")
    assert code == 1 and "nothing deleted" in out
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert run(capsys, "progress", "--db", str(db), "reset")[0] == 1
    with pg.ProgressStore(db) as store:
        assert store.count() == 1
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
    assert run(capsys, "progress", "--db", str(db), "reset")[0] == 0
    with pg.ProgressStore(db) as store:
        assert store.count() == 0
        store.record(Attempt("01-history", "quiz", "q1", ("a",), True, 1), "quiz")
    code, out, _ = run(capsys, "progress", "--db", str(db), "reset", "--yes")
    assert code == 0 and "deleted 1 saved answer" in out


def test_damaged_database_is_a_clear_error(tmp_path, capsys):
    db = tmp_path / "p.db"
    db.write_text("not a database")
    code, _, err = run(capsys, "progress", "--db", str(db), "export", "--out", str(tmp_path / "x.json"))
    assert code == 1
    assert str(db) in err and "not a progress database" in err and "Traceback" not in err
    assert db.read_text() == "not a database"
    assert not (tmp_path / "x.json").exists()


def test_reset_reports_what_it_deleted_even_when_answers_arrive_while_it_asks(tmp_path, capsys,
                                                                               monkeypatch):
    db = tmp_path / "p.db"
    with pg.ProgressStore(db) as store:
        store.record(Attempt("01-history", "quiz", "q1", ("a",), True, 1), "quiz")

    def another_kernel_answers_then_yes(_question):
        with pg.ProgressStore(db) as other:
            other.record(Attempt("01-history", "quiz", "q2", ("b",), False, 1), "quiz")
        return True

    monkeypatch.setattr("curriculum.cli.progress._confirm", another_kernel_answers_then_yes)
    code, out, _ = run(capsys, "progress", "--db", str(db), "reset")
    assert code == 0 and "deleted 2 saved answers" in out
    with pg.ProgressStore(db) as store:
        assert store.count() == 0


@pytest.mark.parametrize("action", [["export"], ["name"], ["name", "New Name"], ["reset", "--yes"]])
def test_a_progress_folder_that_cannot_be_written_is_one_line(tmp_path, capsys, action):
    (tmp_path / "home").write_text("a file where the folder should be")
    db = tmp_path / "home" / "data" / "progress.sqlite3"
    code, out, err = run(capsys, "progress", "--db", str(db), *action)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("error: ") and str(db.parent) in err
    assert (tmp_path / "home").read_text() == "a file where the folder should be"


def test_a_failed_write_in_the_cli_is_one_line_naming_the_file(tmp_path, capsys, monkeypatch):
    db = tmp_path / "p.db"
    pg.ProgressStore(db).close()

    def full(self, name):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(pg.ProgressStore, "set_pseudonym", full)
    code, _, err = run(capsys, "progress", "--db", str(db), "name", "New Name")
    assert code == 1 and err == f"error: {db}: database or disk is full\n"


def test_schema_command_prints_the_published_schema(tmp_path, capsys):
    code, out, _ = run(capsys, "progress", "schema")
    assert code == 0
    assert out == (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")
    target = tmp_path / "schema.json"
    assert run(capsys, "progress", "schema", "--out", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == out
