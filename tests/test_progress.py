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

from curriculum.activities.attempts import Attempt, add_listener, emit, remove_listener
from curriculum.classroom import progress_file
from curriculum.classroom import store as pg
from curriculum.classroom.export import validate_data
from tests.support import ROOT


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
from curriculum.classroom.store import ProgressStore
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


@pytest.fixture(params=["chosen", "wal", "delete"])
def journal(request, monkeypatch):
    """Each journal mode the store can use (``chosen``: what it picks for this folder)."""
    if request.param != "chosen":
        monkeypatch.setenv(pg.JOURNAL_ENV_VAR, request.param)
    return request.param


def test_two_processes_writing_at_once_lose_nothing(tmp_path, journal):
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
    with pg.ProgressStore(db) as store:
        items = {a.item for a in store.attempts()}
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert {f"k-{i}" for i in done} <= items


# -- attempt numbers are the store's ---------------------------------------------------


def test_the_store_numbers_attempts_per_item(tmp_path):
    """The view's own count restarts with the view; the stored number does not."""
    db = tmp_path / "p.db"
    with pg.ProgressStore(db) as store:
        assert store.record(attempt("q1", False, 1), "quiz") == 1
        assert store.record(attempt("q1", True, 1), "quiz") == 2  # a re-run cell: its own 1
        assert store.record(attempt("q2", True, 7), "quiz") == 1  # another item starts at 1
    with pg.ProgressStore(db) as store:  # a restarted kernel
        assert store.record(attempt("q1", True, 1), "quiz") == 3
        assert [(a.item, a.attempt) for a in store.attempts()] == [
            ("q1", 1), ("q1", 2), ("q2", 1), ("q1", 3)]
        assert [a["attempt"] for a in store.export()["attempts"]] == [1, 2, 1, 3]


def test_two_model_instances_answering_one_item_are_numbered_1_then_2(tmp_path, monkeypatch):
    """Two views of one quiz (the cell run twice) each emit their first attempt as number 1."""
    monkeypatch.setenv(pg.ENV_VAR, str(tmp_path / "live.db"))
    add_listener(pg.recorder)
    try:
        for _instance in range(2):
            emit(Attempt("01-history", "quiz", "first-webcams", ("late-1990s",), True, 1))
        got = [(a.item, a.attempt) for a in pg.store_for().attempts()]
    finally:
        remove_listener(pg.recorder)
    assert got == [("first-webcams", 1), ("first-webcams", 2)]


# -- a failed write says what failed ------------------------------------------------------


def test_disk_full_is_the_error_raised_and_nothing_is_lost(tmp_path):
    with pg.ProgressStore(tmp_path / "p.db") as store:
        store.record(attempt("q1"), "quiz")
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
        with pytest.raises(sqlite3.OperationalError, match="full") as err:
            store.record(attempt("q2", answer=("x" * 50_000,)), "quiz")
        assert "no transaction" not in str(err.value)
        assert not store._conn.in_transaction
        store._conn.execute("PRAGMA max_page_count = 1073741823")
        assert store.record(attempt("q3"), "quiz") == 1, "the store still works afterwards"
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
    with pg.ProgressStore(tmp_path / "p.db") as store:
        real = store._conn
        store._conn = _RolledBackByTheEngine(real)
        with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
            store.record(attempt("q1"), "quiz")
        store._conn = real
        assert not real.in_transaction
        assert store.record(attempt("q1"), "quiz") == 1


def test_reset_reports_the_rows_it_deleted(tmp_path):
    with pg.ProgressStore(tmp_path / "p.db") as store:
        for item in ("q1", "q2", "q3"):
            store.record(attempt(item), "quiz")
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
    assert pg.filesystem_type(folder, MOUNTINFO) == fstype


@pytest.mark.parametrize(("fstype", "mode"), [
    ("ext4", "wal"), ("tmpfs", "wal"), ("overlay", "wal"),
    ("nfs4", "delete"), ("nfs", "delete"), ("cifs", "delete"), ("fuse.sshfs", "delete"),
    (None, "delete"),  # unknown: the safe choice
])
def test_wal_only_on_a_known_local_filesystem(tmp_path, monkeypatch, fstype, mode):
    monkeypatch.delenv(pg.JOURNAL_ENV_VAR, raising=False)
    monkeypatch.setattr(progress_file, "filesystem_type", lambda folder, mountinfo=None: fstype)
    with pg.ProgressStore(tmp_path / "p.db") as store:
        store.record(attempt("q1"), "quiz")
        assert store.journal_mode == mode
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == mode
        sync = store._conn.execute("PRAGMA synchronous").fetchone()[0]
    assert sync == (1 if mode == "wal" else 2), "NORMAL with WAL, FULL with the rollback journal"


def test_the_journal_can_be_chosen_by_environment(tmp_path, monkeypatch):
    monkeypatch.setattr(progress_file, "filesystem_type", lambda folder, mountinfo=None: "nfs4")
    monkeypatch.setenv(pg.JOURNAL_ENV_VAR, "WAL")
    with pg.ProgressStore(tmp_path / "a.db") as store:
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    monkeypatch.setenv(pg.JOURNAL_ENV_VAR, "fast")
    with pytest.raises(pg.ProgressFileError, match=pg.JOURNAL_ENV_VAR):
        pg.ProgressStore(tmp_path / "b.db")


def test_a_wal_database_moved_to_a_network_folder_leaves_wal(tmp_path, monkeypatch):
    db = tmp_path / "p.db"
    with pg.ProgressStore(db) as store:
        store.record(attempt("q1"), "quiz")
    monkeypatch.setattr(progress_file, "filesystem_type", lambda folder, mountinfo=None: "nfs4")
    with pg.ProgressStore(db) as store:
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert [a.item for a in store.attempts()] == ["q1"]


# -- a folder that cannot be written ---------------------------------------------------------


def _blocked(tmp_path: Path) -> Path:
    """A progress path whose folder cannot be made: a regular file is in the way."""
    (tmp_path / "home").write_text("a file, not a folder")
    return tmp_path / "home" / ".local" / "progress.sqlite3"


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    path = _blocked(tmp_path)
    with pytest.raises(pg.ProgressFileError, match="cannot save answers in this folder") as err:
        pg.ProgressStore(path)
    assert str(path.parent) in str(err.value) and pg.ENV_VAR in str(err.value)
    assert (tmp_path / "home").read_text() == "a file, not a folder"


def test_a_read_only_folder_is_refused_before_sqlite_and_the_file_is_kept(tmp_path, monkeypatch):
    """Tests run as root, where chmod does not stop writes: the check is os.access's answer."""
    db = tmp_path / "p.db"
    with pg.ProgressStore(db) as store:
        store.record(attempt("q1"), "quiz")
    before = db.read_bytes()
    real_access = os.access
    monkeypatch.setattr(pg.os, "access",
                        lambda p, mode: False if Path(p) == tmp_path else real_access(p, mode))
    with pytest.raises(pg.ProgressFileError, match="read-only") as err:
        pg.ProgressStore(db)
    assert str(tmp_path) in str(err.value)
    assert db.read_bytes() == before
    monkeypatch.undo()
    with pg.ProgressStore(db) as store:
        assert [a.item for a in store.attempts()] == ["q1"], "nothing lost"


def test_answers_in_a_lesson_with_an_unwritable_folder_only_warn(tmp_path, monkeypatch):
    monkeypatch.setenv(pg.ENV_VAR, str(_blocked(tmp_path)))
    add_listener(pg.recorder)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            emit(Attempt("01-history", "quiz", "msn-end", ("y2013",), False, 1))
    finally:
        remove_listener(pg.recorder)
    assert any("cannot save answers in this folder" in str(w.message) for w in caught)


# -- damaged rows: named, left out, never a traceback, never written to ---------------------


def _damage(path: Path, *statements: str) -> None:
    """Change the file as another tool might (SQLite keeps any type in any column)."""
    con = sqlite3.connect(path)
    for sql in statements:
        con.execute(sql)
    con.commit()
    con.close()


def _three_answers(path: Path) -> Path:
    with pg.ProgressStore(path) as store:
        for item in ("q1", "q2", "q3"):
            store.record(attempt(item), "quiz")
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
    with pg.ProgressStore(db) as store:
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
    with pg.ProgressStore(db) as store:
        store.record(Attempt("01-history", "reflect", "p1", ("my private words",), None, 1),
                     "reflection")
    _damage(db, "UPDATE attempts SET kind = X'00'")
    with pg.ProgressStore(db) as store:
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
    with pg.ProgressStore(db) as store:
        before = _files(tmp_path)
        name = store.pseudonym
        assert name == pg.generated_pseudonym(store.learner_key)
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
    with pg.ProgressStore(db) as store:
        key = store.export()["learner"]["key"]
        assert [d.where for d in store.damaged_rows()] == ["meta learner_key"]
    with pg.ProgressStore(db) as again, pg.ProgressStore(other) as theirs:
        assert again.learner_key == key, "the same learner's next hand-in keeps the key"
        assert theirs.learner_key != key


def test_a_damaged_attempt_number_does_not_restart_the_count(tmp_path):
    db = tmp_path / "p.db"
    with pg.ProgressStore(db) as store:
        store.record(attempt("q1"), "quiz")
        store.record(attempt("q1"), "quiz")
    _damage(db, "UPDATE attempts SET attempt = 'x' WHERE id = 2")
    with pg.ProgressStore(db) as store:
        assert store.record(attempt("q1"), "quiz") == 2


@pytest.mark.parametrize("read", [
    lambda s: s.attempts(), lambda s: s.export(), lambda s: s.export_checked(),
    lambda s: s.damaged_rows(), lambda s: s.pseudonym, lambda s: s.learner_key, lambda s: s.count(),
])
def test_a_file_sqlite_cannot_read_is_a_progress_file_error_naming_it(tmp_path, read):
    class Malformed:
        def execute(self, *args):
            raise sqlite3.DatabaseError("database disk image is malformed")

    with pg.ProgressStore(tmp_path / "p.db") as store:
        real, store._conn = store._conn, Malformed()
        try:
            with pytest.raises(pg.ProgressFileError, match="malformed") as err:
                read(store)
        finally:
            store._conn = real
    assert str(store.path) in str(err.value)
