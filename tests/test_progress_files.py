"""The learner's progress file on disk: private whatever the umask, never through a link.

A home folder is often readable by everyone on the server (Debian's default 0755), and
the progress file holds reflections. So the folders the store makes are 0700, the file
and SQLite's -wal/-shm/-journal are 0600, an older world-readable file is tightened when
its owner opens it, and a link or a pipe at any of those names is refused, never followed.
An export the learner writes (their answers) is 0600 and never written through a link.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from curriculum.activities.attempts import Attempt
from curriculum.classroom.journal import JOURNAL_ENV_VAR
from curriculum.classroom.progress_file import SIDE_FILES, ProgressFileError, open_files
from curriculum.classroom.store import ProgressStore
from curriculum.cli import main
from curriculum.hub import accounts
from tests.support import require


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def answer(item: str = "q1", text: str = "a") -> Attempt:
    return Attempt("01-history", "quiz", "quiz", item, (text,), True)


@pytest.fixture(params=[0o000, 0o277], ids=["umask-000", "umask-277"])
def umask(request):
    """The most permissive umask, and one that takes even the owner's own bits."""
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


@pytest.fixture(params=["wal", "delete"])
def journal(request, monkeypatch):
    monkeypatch.setenv(JOURNAL_ENV_VAR, request.param)
    return request.param


def _side_files_in_a_write(store: ProgressStore) -> dict[str, int]:
    """The mode of each SQLite side file that exists while a write is under way (the
    rollback journal lives only that long)."""
    with store._transaction() as conn:
        conn.execute("INSERT INTO attempts (lesson, activity, kind, item, answer, correct, "
                     "attempt, at) VALUES ('l', 'a', 'quiz', 'i', '[\"x\"]', 1, 1, "
                     "'2026-01-05T09:00:00+00:00')")
        return {suffix: mode(store.path.with_name(store.path.name + suffix))
                for suffix in SIDE_FILES
                if store.path.with_name(store.path.name + suffix).exists()}


def test_folders_made_0700_and_files_0600_whatever_the_umask(tmp_path, umask, journal):
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o755)  # the learner's own home, as Debian makes it: never changed
    db = home / ".local" / "share" / "csc" / "progress.sqlite3"
    with ProgressStore(db) as store:
        store.record(answer())
        sides = _side_files_in_a_write(store)
        assert mode(db) == 0o600
    expected = {"-wal", "-shm"} if journal == "wal" else {"-journal"}
    assert set(sides) == expected, "SQLite's side files of this journal mode"
    assert sides == {suffix: 0o600 for suffix in expected}
    assert [mode(f) for f in (home / ".local", db.parent.parent, db.parent)] == [0o700] * 3
    assert mode(home) == 0o755 and mode(tmp_path) == 0o700


def test_a_folder_another_kernel_made_first_is_left_as_it_is(tmp_path, monkeypatch):
    made = tmp_path / "data"
    real_mkdir = os.mkdir

    def another_kernel_first(path, mode=0o777):
        if Path(path) == made:
            real_mkdir(path, 0o750)
            os.chmod(path, 0o750)
        return real_mkdir(path, mode)

    monkeypatch.setattr(os, "mkdir", another_kernel_first)
    ProgressStore(made / "p.db").close()
    assert mode(made) == 0o750 and mode(made / "p.db") == 0o600


@pytest.mark.parametrize("old_mode, tightened", [(0o644, 0o600), (0o666, 0o600), (0o640, 0o600),
                                                 (0o604, 0o600), (0o700, 0o700), (0o600, 0o600)],
                         ids=["644", "666", "640", "604", "700", "600"])
def test_an_older_readable_file_is_tightened_when_its_owner_opens_it(tmp_path, old_mode, tightened):
    db = tmp_path / "p.db"
    with ProgressStore(db) as store:
        store.record(answer())
    os.chmod(db, old_mode)
    left = db.with_name(db.name + "-journal")  # an empty journal a killed older writer left
    left.write_bytes(b"")
    os.chmod(left, 0o666)
    with ProgressStore(db) as store:
        assert mode(db) == tightened and mode(left) == 0o600
        assert [a.item for a in store.attempts()] == ["q1"], "nothing lost"


def test_another_programs_file_is_not_tightened(tmp_path):
    """Only a progress database (or an empty file about to become one) is ours to change."""
    db = tmp_path / "p.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    os.chmod(db, 0o644)
    with pytest.raises(ProgressFileError, match="another program"):
        ProgressStore(db)
    assert mode(db) == 0o644


def test_a_file_someone_else_owns_is_not_changed(tmp_path):
    require(accounts.is_root(), "changing a file's owner needs root (CI runs as root)")
    db = tmp_path / "p.db"
    ProgressStore(db).close()
    os.chmod(db, 0o644)
    os.chown(db, 65534, 65534)  # nobody
    ProgressStore(db).close()  # root may open it, but it is not root's to tighten
    assert mode(db) == 0o644


def test_a_filesystem_without_unix_modes_still_saves_and_exports(tmp_path, capsys, monkeypatch):
    """vfat (a USB stick) refuses chmod: there the mount decides who reads, and a learner's
    answers are still saved and exported."""
    def no_modes(fd, mode):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "fchmod", no_modes)
    db = tmp_path / "stick" / "p.db"
    with ProgressStore(db) as store:
        store.record(answer())
    out = tmp_path / "stick" / "x.json"
    assert run(capsys, "progress", "--db", str(db), "export", "--out", str(out))[0] == 0
    assert json.loads(out.read_text())["attempts"][0]["item"] == "q1"


# -- never through a link, never a pipe -------------------------------------------------


def _progress_file(path: Path) -> Path:
    with ProgressStore(path) as store:
        store.record(answer("elsewhere"))
    return path


@pytest.mark.parametrize("target", ["another progress file", "someone's notes", "nothing yet"])
def test_a_link_at_the_database_path_is_refused_and_not_followed(tmp_path, target):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    pointed = elsewhere / "target"
    if target == "another progress file":
        _progress_file(pointed)
    elif target == "someone's notes":
        pointed.write_text("private notes\n")
    before = pointed.read_bytes() if pointed.exists() else None
    db = tmp_path / "p.db"
    db.symlink_to(pointed)
    with pytest.raises(ProgressFileError, match="symbolic link") as err:
        ProgressStore(db)
    assert str(db) in str(err.value)
    assert (pointed.read_bytes() if pointed.exists() else None) == before
    assert sorted(p.name for p in elsewhere.iterdir()) == (["target"] if before is not None else [])
    assert db.is_symlink()


@pytest.mark.parametrize("suffix", SIDE_FILES)
def test_a_link_at_a_side_file_is_refused(tmp_path, suffix):
    db = _progress_file(tmp_path / "p.db")
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n")
    side = db.with_name(db.name + suffix)
    side.symlink_to(notes)
    with pytest.raises(ProgressFileError, match="symbolic link") as err:
        ProgressStore(db)
    assert str(side) in str(err.value)
    assert notes.read_text() == "mine\n"


@pytest.mark.parametrize("name", ["p.db", "p.db-wal"])
def test_a_pipe_at_the_database_path_is_refused_without_waiting(tmp_path, name):
    """Opening a pipe for reading waits for a writer forever: the store never does."""
    db = tmp_path / "p.db"
    if name != "p.db":
        _progress_file(db)
    os.mkfifo(tmp_path / name)
    with pytest.raises(ProgressFileError, match="not a regular file") as err:
        ProgressStore(db)
    assert str(tmp_path / name) in str(err.value)


def test_a_file_replaced_while_sqlite_opens_it_is_refused(tmp_path, monkeypatch):
    db = _progress_file(tmp_path / "p.db")
    other = _progress_file(tmp_path / "other.db")
    before = other.read_bytes()
    real_connect = sqlite3.connect

    def swap_then_connect(path, *args, **kwargs):
        os.replace(db, tmp_path / "moved.db")
        db.symlink_to(other)
        return real_connect(path, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", swap_then_connect)
    with pytest.raises(ProgressFileError, match="replaced while it was being opened"):
        ProgressStore(db)
    assert other.read_bytes() == before


def test_a_second_store_of_an_open_file_does_not_open_it_again(tmp_path, monkeypatch):
    """Closing any descriptor of a file drops the process's POSIX locks on it, SQLite's
    included: a second store of a file already open here must not open and close it."""
    db = _progress_file(tmp_path / "p.db")
    st = db.stat()
    identity = (st.st_dev, st.st_ino)
    with ProgressStore(db):
        looked = []
        real_open = os.open
        monkeypatch.setattr(os, "open", lambda p, *a, **k: looked.append(p) or real_open(p, *a, **k))
        with ProgressStore(db) as second:
            assert [a.item for a in second.attempts()] == ["elsewhere"]
            assert open_files[identity] == 2
        assert looked == [] and open_files[identity] == 1
    monkeypatch.undo()
    assert identity not in open_files, "a file every store has closed is forgotten"
    ProgressStore(db)  # never closed: forgotten when collected
    gc.collect()
    assert identity not in open_files
    monkeypatch.setattr(os, "open", lambda p, *a, **k: looked.append(p) or real_open(p, *a, **k))
    ProgressStore(db).close()
    assert looked == [db], "so it is checked again when next opened"


# -- a real other user on a server with Debian's default homes ----------------------------


def test_another_user_cannot_read_a_learners_progress(monkeypatch):
    require(accounts.is_root(), "running a command as another Unix user needs root (CI runs as root)")
    monkeypatch.setenv(JOURNAL_ENV_VAR, "wal")
    home = Path(tempfile.mkdtemp(prefix="csc-progress-home-", dir="/tmp"))
    old = os.umask(0)
    try:
        home.chmod(0o755)  # Debian's default home: everyone may look in
        (home / "public.txt").write_text("anyone may read this\n")
        db = home / ".local" / "share" / "csc" / "progress.sqlite3"
        with ProgressStore(db) as store:
            store.record(Attempt("01-history", "reflect", "reflection", "p1", ("my private words",), None))
            wal = db.with_name(db.name + "-wal")
            assert wal.stat().st_size > 0

            def as_nobody(*argv: str) -> subprocess.CompletedProcess:
                return subprocess.run(argv, user="nobody", capture_output=True, text=True)

            control = as_nobody("cat", str(home / "public.txt"))
            assert control.returncode == 0, "nobody can reach the home itself"
            for attempt_ in (("cat", str(db)), ("cat", str(wal)), ("ls", str(db.parent))):
                got = as_nobody(*attempt_)
                assert got.returncode != 0 and "Permission denied" in got.stderr, attempt_
    finally:
        os.umask(old)
        shutil.rmtree(home, ignore_errors=True)


# -- the learner's export: their answers, readable by them alone ------------------------------


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_export_is_0600_whatever_the_umask(tmp_path, capsys, monkeypatch, umask):
    db = _progress_file(tmp_path / "p.db")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "progress", "--db", str(db), "export", "--include-reflections")
    (written,) = tmp_path.glob("progress-*.json")
    assert code == 0 and str(written.name) in out
    assert mode(written) == 0o600
    older = tmp_path / "older.json"
    older.write_text("an export an older version left readable\n")
    os.chmod(older, 0o644)
    assert run(capsys, "progress", "--db", str(db), "export", "--out", str(older))[0] == 0
    assert mode(older) == 0o600 and "elsewhere" in older.read_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_an_export_is_never_written_through_a_link(tmp_path, capsys):
    db = _progress_file(tmp_path / "p.db")
    notes = tmp_path / "notes.txt"
    notes.write_text("someone's notes\n")
    link = tmp_path / "hand-in.json"
    link.symlink_to(notes)
    code, out, err = run(capsys, "progress", "--db", str(db), "export", "--out", str(link))
    assert code == 1 and out == ""
    assert err.startswith(f"error: {link}: is a symbolic link") and err.count("\n") == 1
    assert notes.read_text() == "someone's notes\n" and link.is_symlink()


def test_an_export_to_a_pipe_is_refused_without_waiting(tmp_path, capsys):
    db = _progress_file(tmp_path / "p.db")
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    code, _, err = run(capsys, "progress", "--db", str(db), "export", "--out", str(pipe))
    assert code == 1 and err == f"error: {pipe}: is not a regular file: choose another file name\n"


def test_an_export_into_a_missing_folder_is_one_line(tmp_path, capsys):
    db = _progress_file(tmp_path / "p.db")
    out = tmp_path / "missing" / "x.json"
    code, _, err = run(capsys, "progress", "--db", str(db), "export", "--out", str(out))
    assert code == 1 and err == f"error: {out}: cannot write (No such file or directory)\n"
