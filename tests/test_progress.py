"""The learner's progress file: recording, privacy, bad files, two writers, a killed writer."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from curriculum.activities.attempts import Attempt, emit
from curriculum.classroom.export import EXPORT_VERSION, validate_data
from curriculum.classroom.journal import JOURNAL_ENV_VAR, filesystem_type
from curriculum.classroom.progress_file import ENV_VAR, SQLITE_HEADER, ProgressFileError
from curriculum.classroom.recording import record_for_the_learner, start_recording, stop_recording, store_for
from curriculum.classroom.store import (
    APP_NAME,
    SCHEMA_VERSION,
    ProgressStore,
    default_path,
    generated_pseudonym,
)
from tests.support import ROOT


def attempt(item="q1", correct=True, activity="quiz", answer=("a",)):
    return Attempt("01-history", activity, "quiz", item, answer, correct)


def test_tests_never_use_the_real_user_data_folder():
    env = os.environ.get(ENV_VAR)
    assert env, "conftest must set CURRICULUM_PROGRESS_DB for the whole session"
    real = platformdirs.user_data_path(APP_NAME, appauthor=False)
    assert default_path() == Path(env)
    assert real not in default_path().parents


def test_default_path_is_in_the_user_data_folder(monkeypatch):
    monkeypatch.delenv(ENV_VAR)
    path = default_path()
    assert path.parent == platformdirs.user_data_path(APP_NAME, appauthor=False)
    assert path.suffix == ".sqlite3"


def test_record_and_read_back(tmp_path):
    with ProgressStore(tmp_path / "p.db") as store:
        store.record(attempt("q1", False, answer=("b", "c")))
        store.record(attempt("q1", True))
        got = store.attempts()
        assert [(a.item, a.answer, a.correct, a.attempt) for a in got] == [
            ("q1", ("b", "c"), False, 1), ("q1", ("a",), True, 2)]
        ver = store._conn.execute("PRAGMA user_version").fetchone()[0]
        mode = store._conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert (ver, mode) == (SCHEMA_VERSION, "wal")


def test_pseudonym_is_generated_then_chosen(tmp_path):
    with ProgressStore(tmp_path / "p.db") as store:
        generated = store.pseudonym
        assert generated.count("-") == 2
        assert store.set_pseudonym("  Star   Fish ") == "Star Fish"
        with pytest.raises(ValueError, match="at most"):
            store.set_pseudonym("x" * 41)
        with pytest.raises(ValueError, match="empty"):
            store.set_pseudonym("   ")
    with ProgressStore(tmp_path / "p.db") as again:
        assert again.pseudonym == "Star Fish"
    assert generated_pseudonym("seed") == generated_pseudonym("seed")


def test_export_leaves_reflections_out_unless_asked(tmp_path):
    with ProgressStore(tmp_path / "p.db") as store:
        empty = store.export()
        assert empty["attempts"] == [] and empty["schema_version"] == EXPORT_VERSION
        store.record(attempt("q1"))
        store.record(Attempt("01-history", "reflect", "reflection", "prompt-1", ("my private words",), None))
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
    (lambda p: p.write_bytes(SQLITE_HEADER + b"\xff" * 4000), "damaged"),
    (_sqlite_foreign, "another program"),
])
def test_bad_file_is_refused_and_left_untouched(tmp_path, make, message):
    path = tmp_path / "p.db"
    make(path)
    before = path.read_bytes()
    with pytest.raises(ProgressFileError, match=message) as err:
        ProgressStore(path)
    assert str(path) in str(err.value)
    assert path.read_bytes() == before


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "p.db"
    ProgressStore(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(ProgressFileError, match="newer version"):
        ProgressStore(path)


def test_live_answers_are_recorded_and_a_bad_file_only_warns(tmp_path, monkeypatch,
                                                             recorded_attempts):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "live.db"))
    record_for_the_learner()
    emit(Attempt("01-history", "quiz", "quiz", "first-webcams", ("late-1990s",), True))
    emit(Attempt("99-unknown", "journal", "reflection", "p1", ("free text",), None))
    store = store_for(tmp_path / "live.db")
    assert [(a.kind, a.item) for a in store.attempts()] == [
        ("quiz", "first-webcams"), ("reflection", "p1")]
    assert [a["item"] for a in store.export()["attempts"]] == ["first-webcams"]
    stop_recording(store)
    bad = tmp_path / "bad.db"
    bad.write_text("not ours")
    monkeypatch.setenv(ENV_VAR, str(bad))
    record_for_the_learner()
    with pytest.warns(RuntimeWarning, match="could not record"):
        emit(Attempt("01-history", "quiz", "quiz", "msn-end", ("y2013",), False))
    assert bad.read_text() == "not ours"


WRITER = """
import sys
from types import SimpleNamespace as A
from curriculum.classroom.store import ProgressStore
store = ProgressStore(sys.argv[1])
tag, n = sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
sys.stdin.readline()
i = 0
while n < 0 or i < n:
    store.record(A(lesson="l", activity="a", kind="quiz", item=f"{tag}-{i}", answer=("x",),
                   correct=True, at="2026-01-01T00:00:00+00:00"))
    print(i, flush=True)
    i += 1
"""


def _writer(db: Path, tag: str, n: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), tag, str(n)], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


@pytest.fixture(params=["chosen", "wal", "delete"])
def journal(request, monkeypatch):
    """Each journal mode the store can use (``chosen``: what it picks for this folder)."""
    if request.param != "chosen":
        monkeypatch.setenv(JOURNAL_ENV_VAR, request.param)
    return request.param


def test_two_processes_writing_at_once_lose_nothing(tmp_path, journal):
    db = tmp_path / "p.db"
    ProgressStore(db).close()
    procs = [_writer(db, tag, 150) for tag in ("a", "b")]
    for p in procs:  # release both at once
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        p.communicate(timeout=600)
        assert p.returncode == 0
    with ProgressStore(db) as store:
        items = {a.item for a in store.attempts()}
    assert items == {f"{t}-{i}" for t in "ab" for i in range(150)}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_writer_leaves_every_earlier_answer(tmp_path, journal):
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
    with ProgressStore(db) as store:
        items = {a.item for a in store.attempts()}
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert {f"k-{i}" for i in done} <= items


# -- recording: the kind comes with the answer, into the store recording was started with ----


def test_the_store_records_the_kind_the_answer_carries_and_loads_no_course(tmp_path, monkeypatch,
                                                                          recorded_attempts):
    def no_course(*_args, **_kwargs):
        raise AssertionError("recording an answer must not load a course")

    monkeypatch.setattr("curriculum.course.packaged.packaged_course", no_course)
    store = store_for(tmp_path / "p.db")
    start_recording(store)
    outcome = emit(Attempt("99-in-no-course", "what-if", "law", "s1", ("s1",), None))
    assert outcome.saved
    assert [(a.lesson, a.kind, a.item) for a in store.attempts()] == [("99-in-no-course", "law", "s1")]


def test_start_recording_writes_to_that_store_and_nothing_else(tmp_path, monkeypatch,
                                                               recorded_attempts):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "default.db"))
    chosen, other = ProgressStore(tmp_path / "chosen.db"), ProgressStore(tmp_path / "other.db")
    start_recording(chosen)
    start_recording(chosen)  # a second show(): still one recorder
    emit(attempt("q1"))
    assert [a.item for a in chosen.attempts()] == ["q1"] and other.count() == 0
    assert not (tmp_path / "default.db").exists(), "the default file is never opened"
    stop_recording(chosen)
    emit(attempt("q2"))
    assert chosen.count() == 1, "stopped: nothing more is written"
    chosen.close()
    other.close()


# -- attempt numbers are the store's ---------------------------------------------------


def test_the_store_numbers_attempts_per_item(tmp_path):
    """The number goes on across stores of one file (a re-run cell, a restarted kernel)."""
    db = tmp_path / "p.db"
    with ProgressStore(db) as store:
        assert store.record(attempt("q1", False)) == 1
        assert store.record(attempt("q1", True)) == 2  # a re-run cell
        assert store.record(attempt("q2", True)) == 1  # another item starts at 1
    with ProgressStore(db) as store:  # a restarted kernel
        assert store.record(attempt("q1", True)) == 3
        assert [(a.item, a.attempt) for a in store.attempts()] == [
            ("q1", 1), ("q1", 2), ("q2", 1), ("q1", 3)]
        assert [a["attempt"] for a in store.export()["attempts"]] == [1, 2, 1, 3]


def test_two_model_instances_answering_one_item_are_numbered_1_then_2(tmp_path, recorded_attempts):
    """Two views of one quiz (the cell run twice) each give their first answer: the store
    numbers them 1 and 2."""
    store = store_for(tmp_path / "live.db")
    start_recording(store)
    for _instance in range(2):
        emit(Attempt("01-history", "quiz", "quiz", "first-webcams", ("late-1990s",), True))
    got = [(a.item, a.attempt) for a in store.attempts()]
    assert got == [("first-webcams", 1), ("first-webcams", 2)]


# -- a failed write says what failed ------------------------------------------------------


def test_disk_full_is_the_error_raised_and_nothing_is_lost(tmp_path):
    with ProgressStore(tmp_path / "p.db") as store:
        store.record(attempt("q1"))
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
        with pytest.raises(sqlite3.OperationalError, match="full") as err:
            store.record(attempt("q2", answer=("x" * 50_000,)))
        assert "no transaction" not in str(err.value)
        assert not store._conn.in_transaction
        store._conn.execute("PRAGMA max_page_count = 1073741823")
        assert store.record(attempt("q3")) == 1, "the store still works afterwards"
        assert [a.item for a in store.attempts()] == ["q1", "q3"]


class _RolledBackByTheEngine:
    """A connection on which the INSERT fails after SQLite rolled the transaction back by
    itself, as it does on an I/O error: a ROLLBACK sent after that would fail too."""

    def __init__(self, conn):
        self._conn = conn

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def execute(self, sql, *args):
        if sql.startswith("INSERT"):
            self._conn.execute("ROLLBACK")
            raise sqlite3.OperationalError("disk I/O error")
        return self._conn.execute(sql, *args)


def test_the_real_error_is_raised_when_sqlite_already_rolled_back(tmp_path):
    with ProgressStore(tmp_path / "p.db") as store:
        real = store._conn
        store._conn = _RolledBackByTheEngine(real)
        with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
            store.record(attempt("q1"))
        store._conn = real
        assert not real.in_transaction
        assert store.record(attempt("q1")) == 1


def test_reset_reports_the_rows_it_deleted(tmp_path):
    with ProgressStore(tmp_path / "p.db") as store:
        for item in ("q1", "q2", "q3"):
            store.record(attempt(item))
        store.count = None  # reset must not count first and delete after
        assert store.reset() == 3
        del store.count
        assert store.count() == 0 and store.reset() == 0


# -- journal mode: WAL only where it is safe -------------------------------------------------

MOUNTINFO = r"""22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw
40 27 0:40 / /home rw,relatime - nfs4 server:/export/home rw,vers=4.2
41 40 0:41 / /home/local\040copy rw,relatime - xfs /dev/sdb1 rw
50 27 0:50 / /mnt/share rw,relatime - ext4 /dev/sdc1 rw
51 27 0:51 / /mnt/share rw,relatime - cifs //nas/share rw
"""


@pytest.mark.parametrize(("folder", "fstype"), [
    ("/", "ext4"),
    ("/srv/data", "ext4"),
    ("/home", "nfs4"),
    ("/home/jovyan/.local/share/cyber-safety-curriculum", "nfs4"),
    ("/home/local copy/x", "xfs"),  # an escaped space in a mount point
    ("/home/localcopy", "nfs4"),  # a prefix of a mount point's name is not inside it
    ("/mnt/share/x", "cifs"),  # mounted over: the last mount listed wins
    ("/proc/1", "proc"),
])
def test_filesystem_type_is_read_from_mountinfo(folder, fstype):
    assert filesystem_type(folder, MOUNTINFO) == fstype


@pytest.mark.parametrize(("fstype", "mode"), [
    ("ext4", "wal"), ("tmpfs", "wal"), ("overlay", "wal"),
    ("nfs4", "delete"), ("nfs", "delete"), ("cifs", "delete"), ("fuse.sshfs", "delete"),
    (None, "delete"),  # unknown: the safe choice
])
def test_wal_only_on_a_known_local_filesystem(tmp_path, monkeypatch, fstype, mode):
    monkeypatch.delenv(JOURNAL_ENV_VAR, raising=False)
    monkeypatch.setattr("curriculum.classroom.journal.filesystem_type", lambda folder, mountinfo=None: fstype)
    with ProgressStore(tmp_path / "p.db") as store:
        store.record(attempt("q1"))
        assert store.journal_mode == mode
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == mode
        sync = store._conn.execute("PRAGMA synchronous").fetchone()[0]
    assert sync == (1 if mode == "wal" else 2), "NORMAL with WAL, FULL with the rollback journal"


def test_the_journal_can_be_chosen_by_environment(tmp_path, monkeypatch):
    monkeypatch.setattr("curriculum.classroom.journal.filesystem_type", lambda folder, mountinfo=None: "nfs4")
    monkeypatch.setenv(JOURNAL_ENV_VAR, "WAL")
    with ProgressStore(tmp_path / "a.db") as store:
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    monkeypatch.setenv(JOURNAL_ENV_VAR, "fast")
    with pytest.raises(ProgressFileError, match=JOURNAL_ENV_VAR):
        ProgressStore(tmp_path / "b.db")


def test_a_wal_database_moved_to_a_network_folder_leaves_wal(tmp_path, monkeypatch):
    db = tmp_path / "p.db"
    with ProgressStore(db) as store:
        store.record(attempt("q1"))
    monkeypatch.setattr("curriculum.classroom.journal.filesystem_type", lambda folder, mountinfo=None: "nfs4")
    with ProgressStore(db) as store:
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert [a.item for a in store.attempts()] == ["q1"]


# -- a folder that cannot be written ---------------------------------------------------------


def _blocked(tmp_path: Path) -> Path:
    """A progress path whose folder cannot be made: a regular file is in the way."""
    (tmp_path / "home").write_text("a file, not a folder")
    return tmp_path / "home" / ".local" / "progress.sqlite3"


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    path = _blocked(tmp_path)
    with pytest.raises(ProgressFileError, match="cannot save answers in this folder") as err:
        ProgressStore(path)
    assert str(path.parent) in str(err.value) and ENV_VAR in str(err.value)
    assert (tmp_path / "home").read_text() == "a file, not a folder"


def test_a_read_only_folder_is_refused_before_sqlite_and_the_file_is_kept(tmp_path, monkeypatch):
    """Tests run as root, where chmod does not stop writes: the check is os.access's answer."""
    db = tmp_path / "p.db"
    with ProgressStore(db) as store:
        store.record(attempt("q1"))
    before = db.read_bytes()
    real_access = os.access
    monkeypatch.setattr(os, "access",
                        lambda p, mode: False if Path(p) == tmp_path else real_access(p, mode))
    with pytest.raises(ProgressFileError, match="read-only") as err:
        ProgressStore(db)
    assert str(tmp_path) in str(err.value)
    assert db.read_bytes() == before
    monkeypatch.undo()
    with ProgressStore(db) as store:
        assert [a.item for a in store.attempts()] == ["q1"], "nothing lost"


def test_answers_in_a_lesson_with_an_unwritable_folder_only_warn(tmp_path, monkeypatch,
                                                                 recorded_attempts):
    monkeypatch.setenv(ENV_VAR, str(_blocked(tmp_path)))
    record_for_the_learner()
    with pytest.warns(RuntimeWarning, match="cannot save answers in this folder"):
        emit(Attempt("01-history", "quiz", "quiz", "msn-end", ("y2013",), False))


# -- damaged rows: named, left out, never a traceback, never written to ---------------------


def _damage(path: Path, *statements: str) -> None:
    """Change the file as another tool might (SQLite keeps any type in any column)."""
    con = sqlite3.connect(path)
    for sql in statements:
        con.execute(sql)
    con.commit()
    con.close()


def _three_answers(path: Path) -> Path:
    with ProgressStore(path) as store:
        for item in ("q1", "q2", "q3"):
            store.record(attempt(item))
    return path


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("change, problem", [
    ("answer = 'not json'", "answer is not JSON"),
    ("answer = '{\"a\": 1}'", "answer is not a list of text"),
    ("answer = '[1, 2]'", "answer is not a list of text"),
    ("answer = '\"a\"'", "answer is not a list of text"),
    ("answer = '" + "[" * 100_000 + "'", "answer is not JSON"),  # deeper than Python recurses
    ("answer = '[" + "9" * 5000 + "]'", "answer is not JSON"),  # past int's digit limit
    ("answer = CAST(X'80FF' AS TEXT)", "answer is not UTF-8 text"),
    ("answer = X'5B5D'", "answer is binary data, not text"),
    ("answer = 7", "answer is not a list of text"),  # the column's affinity made it '7'
    ("attempt = 0", "attempt is 0, not a whole number from 1"),
    ("attempt = -3", "attempt is -3, not a whole number from 1"),
    ("attempt = 1.5", "attempt is 1.5, not a whole number from 1"),
    ("attempt = 'second'", "attempt is text, not a whole number from 1"),
    ("correct = 2", "correct is 2, not 0, 1 or empty"),
    ("correct = 0.5", "correct is 0.5, not 0, 1 or empty"),
    ("correct = 'yes'", "correct is text, not 0, 1 or empty"),
    ("at = 'yesterday'", "at is not a date and time (ISO 8601)"),
    ("at = X'00'", "at is binary data, not text"),
    ("kind = X'01'", "kind is binary data, not text"),
    ("kind = ''", "kind is empty"),
    ("lesson = ''", "lesson is empty"),
    ("item = 'q' || char(10) || 'x'", "item is not one line of printable text"),
    ("activity = X'00'", "activity is binary data, not text"),
    ("attempt = 0, answer = 'x'", "answer is not JSON; attempt is 0, not a whole number from 1"),
])
def test_a_damaged_row_is_named_and_left_out_and_the_file_is_not_written(tmp_path, change, problem):
    db = _three_answers(tmp_path / "p.db")
    _damage(db, f"UPDATE attempts SET {change} WHERE id = 2")
    with ProgressStore(db) as store:
        before = _files(tmp_path)
        assert [a.item for a in store.attempts()] == ["q1", "q3"]
        assert [a.row for a in store.attempts()] == [1, 3]
        (row,) = store.damaged_rows()
        checked = store.export_checked()
        assert store.export()["attempts"] == checked.data["attempts"]
        assert _files(tmp_path) == before, "reading never writes"
    assert (row.where, row.problem, row.outcome) == ("attempts row 2", problem, "left out")
    assert str(row) == f"{db}: attempts row 2: {problem}; left out"
    assert checked.damaged == (row,) and checked.answers_left_out == 1
    assert [a["item"] for a in checked.data["attempts"]] == ["q1", "q3"]
    validate_data(checked.data)  # what the class report reads


def test_a_damaged_row_of_unknown_kind_is_never_exported_as_if_not_private(tmp_path):
    db = tmp_path / "p.db"
    with ProgressStore(db) as store:
        store.record(Attempt("01-history", "reflect", "reflection", "p1", ("my private words",), None))
    _damage(db, "UPDATE attempts SET kind = X'00'")
    with ProgressStore(db) as store:
        checked = store.export_checked()
        assert "my private words" not in json.dumps(checked.data)
        assert "my private words" not in " ".join(str(d) for d in checked.damaged)
        assert [d.where for d in checked.damaged] == ["attempts row 1"]


@pytest.mark.parametrize("value, problem", [
    ("'" + "x" * 200 + "'", "pseudonym is 200 characters long (at most 40)"),
    ("''", "pseudonym is empty"),
    ("'   '", "pseudonym is empty"),
    ("'two' || char(10) || 'lines'", "pseudonym is not one line of printable text"),
    ("X'4142'", "pseudonym is binary data, not text"),
    ("CAST(X'FF' AS TEXT)", "pseudonym is not UTF-8 text"),
    (None, "pseudonym is missing, not text"),
])
def test_a_damaged_pseudonym_falls_back_to_a_generated_one(tmp_path, value, problem):
    db = _three_answers(tmp_path / "p.db")
    _damage(db, f"UPDATE meta SET value = {value} WHERE key = 'pseudonym'" if value else
            "DELETE FROM meta WHERE key = 'pseudonym'")
    with ProgressStore(db) as store:
        before = _files(tmp_path)
        name = store.pseudonym
        assert name == generated_pseudonym(store.learner_key)
        (row,) = store.damaged_rows()
        checked = store.export_checked()
        assert _files(tmp_path) == before, "reading never writes"
        assert (row.where, row.problem) == ("meta pseudonym", problem)
        assert row.outcome == f"the generated name {name} is used instead" and not row.is_answer
        assert checked.damaged == (row,) and checked.answers_left_out == 0
        assert checked.data["learner"]["pseudonym"] == name and len(checked.data["attempts"]) == 3
        assert store.set_pseudonym("Sea Otter") == "Sea Otter"  # choosing one mends it
        assert store.pseudonym == "Sea Otter" and store.damaged_rows() == []


@pytest.mark.parametrize("value", ["''", "'has spaces in it'", "X'01'", "'" + "k" * 65 + "'"])
def test_a_damaged_learner_key_falls_back_to_one_stable_for_the_file(tmp_path, value):
    db = _three_answers(tmp_path / "p.db")
    other = _three_answers(tmp_path / "other.db")
    _damage(db, f"UPDATE meta SET value = {value} WHERE key = 'learner_key'")
    _damage(other, f"UPDATE meta SET value = {value} WHERE key = 'learner_key'")
    with ProgressStore(db) as store:
        key = store.export()["learner"]["key"]
        assert [d.where for d in store.damaged_rows()] == ["meta learner_key"]
    with ProgressStore(db) as again, ProgressStore(other) as theirs:
        assert again.learner_key == key, "the same learner's next hand-in keeps the key"
        assert theirs.learner_key != key


def test_a_damaged_attempt_number_does_not_restart_the_count(tmp_path):
    db = tmp_path / "p.db"
    with ProgressStore(db) as store:
        store.record(attempt("q1"))
        store.record(attempt("q1"))
    _damage(db, "UPDATE attempts SET attempt = 'x' WHERE id = 2")
    with ProgressStore(db) as store:
        assert store.record(attempt("q1")) == 2


@pytest.mark.parametrize("read", [
    lambda s: s.attempts(), lambda s: s.export(), lambda s: s.export_checked(),
    lambda s: s.damaged_rows(), lambda s: s.pseudonym, lambda s: s.learner_key, lambda s: s.count(),
])
def test_a_file_sqlite_cannot_read_is_a_progress_file_error_naming_it(tmp_path, read):
    class Malformed:
        def execute(self, *args):
            raise sqlite3.DatabaseError("database disk image is malformed")

    with ProgressStore(tmp_path / "p.db") as store:
        real, store._conn = store._conn, Malformed()
        try:
            with pytest.raises(ProgressFileError, match="malformed") as err:
                read(store)
        finally:
            store._conn = real
    assert str(store.path) in str(err.value)
