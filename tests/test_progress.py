"""The learner's progress file: recording, privacy, bad files, two writers, a killed writer."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import warnings
from pathlib import Path

import platformdirs
import pytest

from curriculum import progress as pg
from widgets.attempts import Attempt, add_listener, emit, remove_listener

ROOT = Path(__file__).resolve().parent.parent


def attempt(item="q1", correct=True, n=1, activity="quiz", answer=("a",)):
    return Attempt("01-history", activity, item, answer, correct, n)


def test_tests_never_use_the_real_user_data_folder():
    env = os.environ.get(pg.ENV_VAR)
    assert env, "conftest must set CURRICULUM_PROGRESS_DB for the whole session"
    real = platformdirs.user_data_path(pg.APP_NAME, appauthor=False)
    assert pg.default_path() == Path(env)
    assert real not in pg.default_path().parents


def test_default_path_is_in_the_user_data_folder(monkeypatch):
    monkeypatch.delenv(pg.ENV_VAR)
    path = pg.default_path()
    assert path.parent == platformdirs.user_data_path(pg.APP_NAME, appauthor=False)
    assert path.suffix == ".sqlite3"


def test_record_and_read_back(tmp_path):
    with pg.ProgressStore(tmp_path / "p.db") as store:
        store.record(attempt("q1", False, 1, answer=("b", "c")), "quiz")
        store.record(attempt("q1", True, 2), "quiz")
        got = store.attempts()
        assert [(a.item, a.answer, a.correct, a.attempt) for a in got] == [
            ("q1", ("b", "c"), False, 1), ("q1", ("a",), True, 2)]
        ver = store._conn.execute("PRAGMA user_version").fetchone()[0]
        mode = store._conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert (ver, mode) == (pg.SCHEMA_VERSION, "wal")


def test_pseudonym_is_generated_then_chosen(tmp_path):
    with pg.ProgressStore(tmp_path / "p.db") as store:
        generated = store.pseudonym
        assert generated.count("-") == 2
        assert store.set_pseudonym("  Star   Fish ") == "Star Fish"
        with pytest.raises(ValueError, match="at most"):
            store.set_pseudonym("x" * 41)
        with pytest.raises(ValueError, match="empty"):
            store.set_pseudonym("   ")
    with pg.ProgressStore(tmp_path / "p.db") as again:
        assert again.pseudonym == "Star Fish"
    assert pg.generated_pseudonym("seed") == pg.generated_pseudonym("seed")


def test_export_leaves_reflections_out_unless_asked(tmp_path):
    with pg.ProgressStore(tmp_path / "p.db") as store:
        empty = store.export()
        assert empty["attempts"] == [] and empty["schema_version"] == pg.EXPORT_VERSION
        store.record(attempt("q1"), "quiz")
        store.record(Attempt("01-history", "reflect", "prompt-1", ("my private words",), None, 1),
                     "reflection")
        plain = store.export()
        full = store.export(include_reflections=True)
    assert [a["item"] for a in plain["attempts"]] == ["q1"]
    assert "my private words" not in json.dumps(plain)
    assert [a["item"] for a in full["attempts"]] == ["q1", "prompt-1"]
    assert full["includes_reflections"] is True


def _sqlite_foreign(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.execute("INSERT INTO recipes VALUES ('soup')")
    con.commit()
    con.close()


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes(b"\x00\x01garbage that is not a database" * 50), "not a progress database"),
    (lambda p: p.write_text("my homework notes\n"), "not a progress database"),
    (lambda p: p.write_bytes(pg.SQLITE_HEADER + b"\xff" * 4000), "damaged"),
    (_sqlite_foreign, "another program"),
])
def test_bad_file_is_refused_and_left_untouched(tmp_path, make, message):
    path = tmp_path / "p.db"
    make(path)
    before = path.read_bytes()
    with pytest.raises(pg.ProgressFileError, match=message) as err:
        pg.ProgressStore(path)
    assert str(path) in str(err.value)
    assert path.read_bytes() == before


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "p.db"
    pg.ProgressStore(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {pg.SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(pg.ProgressFileError, match="newer version"):
        pg.ProgressStore(path)


def test_live_answers_are_recorded_and_a_bad_file_only_warns(tmp_path, monkeypatch):
    monkeypatch.setenv(pg.ENV_VAR, str(tmp_path / "live.db"))
    add_listener(pg.recorder)
    try:
        emit(Attempt("01-history", "quiz", "first-webcams", ("late-1990s",), True, 1))
        emit(Attempt("99-unknown", "journal", "p1", ("free text",), None, 1))
        store = pg.store_for()
        assert [(a.kind, a.item) for a in store.attempts()] == [
            ("quiz", "first-webcams"), ("reflection", "p1")]
        assert [a["item"] for a in store.export()["attempts"]] == ["first-webcams"]
        bad = tmp_path / "bad.db"
        bad.write_text("not ours")
        monkeypatch.setenv(pg.ENV_VAR, str(bad))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            emit(Attempt("01-history", "quiz", "msn-end", ("y2013",), False, 1))
        assert any("could not record" in str(w.message) for w in caught)
        assert bad.read_text() == "not ours"
    finally:
        remove_listener(pg.recorder)


WRITER = """
import sys
from types import SimpleNamespace as A
from curriculum.progress import ProgressStore
store = ProgressStore(sys.argv[1])
tag, n = sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
sys.stdin.readline()
i = 0
while n < 0 or i < n:
    store.record(A(lesson="l", activity="a", item=f"{tag}-{i}", answer=("x",), correct=True,
                   attempt=1, at="2026-01-01T00:00:00+00:00"), "quiz")
    print(i, flush=True)
    i += 1
"""


def _writer(db: Path, tag: str, n: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), tag, str(n)], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    db = tmp_path / "p.db"
    pg.ProgressStore(db).close()
    procs = [_writer(db, tag, 150) for tag in ("a", "b")]
    for p in procs:  # release both at once
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        p.communicate(timeout=600)
        assert p.returncode == 0
    with pg.ProgressStore(db) as store:
        items = {a.item for a in store.attempts()}
    assert items == {f"{t}-{i}" for t in "ab" for i in range(150)}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_writer_leaves_every_earlier_answer(tmp_path):
    db = tmp_path / "p.db"
    proc = _writer(db, "k", -1)
    proc.stdin.write("go\n")
    proc.stdin.flush()
    done = []
    while len(done) < 60:
        done.append(int(proc.stdout.readline()))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    with pg.ProgressStore(db) as store:
        items = {a.item for a in store.attempts()}
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert {f"k-{i}" for i in done} <= items
