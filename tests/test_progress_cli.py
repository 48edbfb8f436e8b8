"""``python -m curriculum progress``: export to hand in, name, reset (asks first)."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from curriculum.activities.attempts import Attempt
from curriculum.classroom.export import EXPORT_FORMAT, SCHEMA_FILE, validate_data
from curriculum.classroom.store import ProgressStore
from curriculum.cli import main
from tests.support import ROOT


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_action_but_schema_has_its_own_function():
    """Each action is reached by its name (no action runs by falling through to another)."""
    import argparse

    from curriculum.cli import progress

    parser = argparse.ArgumentParser()
    progress.register(parser)
    choices = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert set(progress.ACTIONS) == set(choices) - {"schema"}
    assert len(set(progress.ACTIONS.values())) == len(progress.ACTIONS)


def test_export_with_no_answers_is_a_valid_empty_file(tmp_path, capsys):
    db, out = tmp_path / "p.db", tmp_path / "hand-in.json"
    code, text, _ = run(capsys, "progress", "--db", str(db), "export", "--out", str(out))
    assert code == 0 and "wrote 0 answers" in text
    data = json.loads(out.read_text())
    assert data["format"] == EXPORT_FORMAT and data["attempts"] == []
    assert data["learner"]["pseudonym"]


def test_export_name_and_reflections_flag(tmp_path, capsys):
    db = tmp_path / "p.db"
    with ProgressStore(db) as store:
        store.record(Attempt("01-history", "quiz", "quiz", "q1", ("a",), True))
        store.record(Attempt("01-history", "reflect", "reflection", "p1", ("secret",), None))
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
    with ProgressStore(db) as store:
        store.record(Attempt("01-history", "quiz", "quiz", "q1", ("a",), True))
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, out, _ = run(capsys, "progress", "--db", str(db), "reset")
    assert code == 1 and "nothing deleted" in out
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert run(capsys, "progress", "--db", str(db), "reset")[0] == 1
    with ProgressStore(db) as store:
        assert store.count() == 1
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
    assert run(capsys, "progress", "--db", str(db), "reset")[0] == 0
    with ProgressStore(db) as store:
        assert store.count() == 0
        store.record(Attempt("01-history", "quiz", "quiz", "q1", ("a",), True))
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
    with ProgressStore(db) as store:
        store.record(Attempt("01-history", "quiz", "quiz", "q1", ("a",), True))

    def another_kernel_answers_then_yes(_question):
        with ProgressStore(db) as other:
            other.record(Attempt("01-history", "quiz", "quiz", "q2", ("b",), False))
        return True

    monkeypatch.setattr("curriculum.cli.progress._confirm", another_kernel_answers_then_yes)
    code, out, _ = run(capsys, "progress", "--db", str(db), "reset")
    assert code == 0 and "deleted 2 saved answers" in out
    with ProgressStore(db) as store:
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
    ProgressStore(db).close()

    def full(self, name):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ProgressStore, "set_pseudonym", full)
    code, _, err = run(capsys, "progress", "--db", str(db), "name", "New Name")
    assert code == 1 and err == f"error: {db}: database or disk is full\n"


def test_schema_command_prints_the_published_schema(tmp_path, capsys):
    code, out, _ = run(capsys, "progress", "schema")
    assert code == 0
    assert out == (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")
    target = tmp_path / "schema.json"
    assert run(capsys, "progress", "schema", "--out", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == out


# -- a damaged progress file: the rest is still handed in ------------------------------------


def _with_damage(db: Path, *statements: str) -> Path:
    with ProgressStore(db) as store:
        for item in ("q1", "q2", "q3"):
            store.record(Attempt("01-history", "quiz", "quiz", item, ("a",), True))
    con = sqlite3.connect(db)
    for sql in statements:
        con.execute(sql)
    con.commit()
    con.close()
    return db


def test_export_leaves_damaged_rows_out_and_names_each_one(tmp_path, capsys):
    db = _with_damage(tmp_path / "p.db", "UPDATE attempts SET answer = 'oops' WHERE id = 1",
                      "UPDATE attempts SET attempt = 0 WHERE id = 3")
    out = tmp_path / "x.json"
    code, text, err = run(capsys, "progress", "--db", str(db), "export", "--out", str(out))
    assert code == 0
    assert err == (f"warning: {db}: attempts row 1: answer is not JSON; left out\n"
                   f"warning: {db}: attempts row 3: attempt is 0, not a whole number from 1; "
                   "left out\n")
    assert "wrote 1 answer for" in text and "(2 damaged answers left out, listed above)" in text
    assert [a["item"] for a in validate_data(json.loads(out.read_text())).model_dump()["attempts"]] == ["q2"]


def test_a_damaged_pseudonym_is_replaced_named_and_mended(tmp_path, capsys):
    db = _with_damage(tmp_path / "p.db", "UPDATE meta SET value = 'a' || char(10) || 'b' "
                                         "WHERE key = 'pseudonym'")
    code, text, err = run(capsys, "progress", "--db", str(db), "name")
    generated = text.strip()
    assert code == 0 and generated.count("-") == 2
    assert err.splitlines() == [
        f"warning: {db}: meta pseudonym: pseudonym is not one line of printable text; "
        f"the generated name {generated} is used instead",
        "warning: choose a name with: python -m curriculum progress name NEW_NAME"]
    out = tmp_path / "x.json"
    code, text, err = run(capsys, "progress", "--db", str(db), "export", "--out", str(out))
    assert code == 0 and f"wrote 3 answers for {generated} to" in text and "meta pseudonym" in err
    assert json.loads(out.read_text())["learner"]["pseudonym"] == generated
    assert run(capsys, "progress", "--db", str(db), "name", "Sea Otter")[0] == 0
    assert run(capsys, "progress", "--db", str(db), "name")[1:] == ("Sea Otter\n", "")


def test_when_every_answer_is_damaged_nothing_is_written_and_it_says_so(tmp_path, capsys):
    db = _with_damage(tmp_path / "p.db", "UPDATE attempts SET at = 'soon'")
    out = tmp_path / "x.json"
    code, text, err = run(capsys, "progress", "--db", str(db), "export", "--out", str(out))
    assert code == 1 and text == "" and not out.exists()
    assert err.splitlines()[-1] == (f"error: {db}: no answer could be exported (3 damaged, "
                                    "listed above); nothing was written")
    assert len(err.splitlines()) == 4


def test_hand_in_leaves_damaged_rows_out(tmp_path, capsys):
    db = _with_damage(tmp_path / "p.db", "UPDATE attempts SET correct = 7 WHERE id = 2")
    box = tmp_path / "dropbox"
    box.mkdir()
    code, text, err = run(capsys, "progress", "--db", str(db), "hand-in", "--dropbox", str(box))
    assert code == 0 and "handed in 2 answers" in text and "1 damaged answer left out" in text
    assert err == f"warning: {db}: attempts row 2: correct is 7, not 0, 1 or empty; left out\n"
    (handed,) = [p for p in box.iterdir() if p.suffix == ".json"]
    assert [a["item"] for a in json.loads(handed.read_text())["attempts"]] == ["q1", "q3"]


EVERY_DAMAGE = ("UPDATE attempts SET answer = '[[[' WHERE id = 1",
                "UPDATE attempts SET kind = X'00', correct = 'yes' WHERE id = 2",
                "UPDATE attempts SET answer = CAST(X'FF' AS TEXT) WHERE id = 3",
                "UPDATE meta SET value = '' WHERE key = 'learner_key'",
                "UPDATE meta SET value = printf('%.200c', 'x') WHERE key = 'pseudonym'")


@pytest.mark.parametrize("action, code, warnings", [
    (["export"], 1, 5), (["export", "--include-reflections"], 1, 5), (["hand-in"], 1, 5),
    (["name"], 0, 3), (["reset", "--yes"], 0, 0),
])
def test_no_action_is_a_traceback_on_a_damaged_file(tmp_path, capsys, monkeypatch, action, code,
                                                    warnings):
    db = _with_damage(tmp_path / "p.db", *EVERY_DAMAGE)
    monkeypatch.chdir(tmp_path)
    box = tmp_path / "dropbox"
    box.mkdir()
    monkeypatch.setenv("CURRICULUM_DROPBOX", str(box))
    got, _, err = run(capsys, "progress", "--db", str(db), *action)
    lines = err.splitlines()
    assert got == code and "Traceback" not in err
    assert sum(line.startswith("warning: ") for line in lines) == warnings
    assert sum(line.startswith("error: ") for line in lines) == code and len(lines) == warnings + code
