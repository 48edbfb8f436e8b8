"""The learner's answers, kept in a local SQLite file that only they hold.

Why SQLite: it ships with Python, one file per learner, two kernels can write at once
and a kernel killed mid-answer leaves every earlier answer readable. Every write is one
short ``BEGIN IMMEDIATE`` transaction; a busy timeout lets a second writer wait instead
of failing. The store numbers the attempts (1, 2, 3 per item) inside that transaction,
so a re-run cell or a restarted kernel continues the count instead of starting again.

Journal: write-ahead logging (WAL) is fast and lets a reader and a writer work at once,
but it needs shared memory between processes, which network filesystems (NFS, SMB, the
home folders of many JupyterHubs) do not give: there WAL can corrupt the file. So WAL is
used only on a filesystem known to be local (read from ``/proc/self/mountinfo``);
anywhere else, or when the type cannot be read, the rollback journal (``DELETE``, with
``synchronous = FULL``). ``CURRICULUM_PROGRESS_JOURNAL=wal|delete`` overrides the choice.

The learner is a pseudonym (chosen, or generated from the file's creation), never a real
name. Reflection text stays in this file: ``export`` leaves it out unless the learner
asks. A file at the database path that is not ours (damaged, or another program's
database) is refused with a clear error and never written to; so is a folder that cannot
be written (a read-only home), before anything is tried there.

Recording an answer is one short transaction (well under a millisecond on a local disk;
``benchmarks/bench_progress.py`` measures it). The export's shape is not written here: it
is ``curriculum.classroom.export``, which the class report reads with too.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .export import EXPORT_FORMAT, EXPORT_VERSION, PSEUDONYM_MAX, check_pseudonym  # noqa: F401

ENV_VAR = "CURRICULUM_PROGRESS_DB"
JOURNAL_ENV_VAR = "CURRICULUM_PROGRESS_JOURNAL"
APP_NAME = "cyber-safety-curriculum"
# Written into the SQLite header (PRAGMA application_id) so a foreign database is recognised.
APPLICATION_ID = 0x43534331  # "CSC1"
SCHEMA_VERSION = 1  # PRAGMA user_version of the database
SQLITE_HEADER = b"SQLite format 3\x00"
PRIVATE_KINDS = frozenset({"reflection"})
# Filesystems on which SQLite's WAL is safe: local disks and memory. Anything else (nfs,
# nfs4, cifs, smb3, 9p, fuse.sshfs, ceph, lustre, ...) or unknown gets the rollback journal.
LOCAL_FILESYSTEMS = frozenset({
    "ext2", "ext3", "ext4", "xfs", "btrfs", "zfs", "f2fs", "jfs", "reiserfs", "bcachefs",
    "nilfs2", "tmpfs", "ramfs", "overlay", "vfat", "exfat", "ntfs3", "apfs", "hfs", "hfsplus",
})
JOURNAL_MODES = ("wal", "delete")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    lesson TEXT NOT NULL,
    activity TEXT NOT NULL,
    kind TEXT,
    item TEXT NOT NULL,
    answer TEXT NOT NULL,
    correct INTEGER,
    attempt INTEGER NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX attempts_by_item ON attempts (lesson, activity, item);
"""

_ADJECTIVES = ("brave", "calm", "clever", "bright", "kind", "quick", "steady", "bold", "gentle",
               "curious", "sunny", "quiet", "swift", "wise", "keen", "cheerful")
_ANIMALS = ("otter", "panda", "heron", "fox", "koala", "dolphin", "falcon", "turtle", "lynx",
            "robin", "badger", "gecko", "whale", "owl", "tiger", "crane")


class ProgressFileError(Exception):
    """The file at the progress path is damaged or is not a progress database."""


def default_path() -> Path:
    """``CURRICULUM_PROGRESS_DB`` if set, else the user's data folder (per user on a JupyterHub)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "progress.sqlite3"


def generated_pseudonym(seed: str) -> str:
    """A friendly name like ``calm-otter-42`` derived from ``seed`` (same seed, same name)."""
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    return f"{_ADJECTIVES[digest[0] % 16]}-{_ANIMALS[digest[1] % 16]}-{digest[2] % 90 + 10}"


def _unescape_mount(text: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), text)


def filesystem_type(folder: str | Path, mountinfo: str | None = None) -> str | None:
    """The type of the filesystem holding ``folder`` (``ext4``, ``nfs4``...), or None if unknown.

    Read from ``/proc/self/mountinfo`` (Linux): the mount with the longest mount point
    that contains the folder, the last one listed when several share a mount point.
    """
    if mountinfo is None:
        try:
            mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = os.path.realpath(folder)
    best, best_len = None, -1
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if not sep or len(fields) < 5 or not tail:
            continue
        point = _unescape_mount(fields[4])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= best_len:
            best, best_len = tail[0], len(point)
    return best


def journal_mode(folder: str | Path) -> str:
    """``wal`` on a known local filesystem, else ``delete``; ``CURRICULUM_PROGRESS_JOURNAL`` wins."""
    chosen = os.environ.get(JOURNAL_ENV_VAR, "").strip().lower()
    if chosen:
        if chosen not in JOURNAL_MODES:
            raise ProgressFileError(f"{JOURNAL_ENV_VAR}={chosen!r}: use one of {', '.join(JOURNAL_MODES)}")
        return chosen
    return "wal" if filesystem_type(folder) in LOCAL_FILESYSTEMS else "delete"


def _cannot_save(folder: Path, reason: str) -> ProgressFileError:
    return ProgressFileError(
        f"{folder}: cannot save answers in this folder ({reason}); nothing was changed. "
        f"Set {ENV_VAR} to a file in a folder you can write.")


@dataclass(frozen=True)
class StoredAttempt:
    lesson: str
    activity: str
    kind: str | None
    item: str
    answer: tuple[str, ...]
    correct: bool | None
    attempt: int
    at: str

    def as_export(self) -> dict[str, Any]:
        return {"lesson": self.lesson, "activity": self.activity, "kind": self.kind,
                "item": self.item, "answer": list(self.answer), "correct": self.correct,
                "attempt": self.attempt, "at": self.at}


def _check_foreign(path: Path) -> None:
    """Refuse before SQLite touches the file: a non-SQLite file must stay byte-for-byte as is."""
    try:
        size = path.stat().st_size
    except (FileNotFoundError, NotADirectoryError):
        return  # nothing there yet (or a folder on the way is a file: _check_folder says so)
    except OSError as exc:
        raise ProgressFileError(f"{path}: cannot read the progress database ({exc.strerror})") from None
    if path.is_dir():
        raise ProgressFileError(f"{path}: is a folder, not a progress database")
    if size == 0:
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise ProgressFileError(f"{path}: cannot read the progress database ({exc.strerror})") from None
    if head != SQLITE_HEADER:
        raise ProgressFileError(
            f"{path}: not a progress database (damaged, or another program's file); "
            f"it was left untouched. Move it away or set {ENV_VAR} to another path.")


def _check_folder(path: Path) -> None:
    """Make the database's folder, and refuse a folder (or file) that cannot be written.

    Checked before SQLite is asked, so a read-only home gives one clear line instead of
    a half-opened database; SQLite needs to write its journal beside the file.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise _cannot_save(folder, "a file of that name is in the way") from None
    except OSError as exc:
        raise _cannot_save(folder, (exc.strerror or str(exc)).lower()) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _cannot_save(folder, "read-only")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise _cannot_save(folder, f"{path.name} is read-only")


class ProgressStore:
    """One learner's answers in one SQLite file. Safe to share between kernels."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else default_path()
        _check_foreign(self.path)
        _check_folder(self.path)
        self.journal_mode = journal_mode(self.path.parent)
        self._lock = threading.Lock()
        try:
            self._conn = sqlite3.connect(self.path, timeout=10, isolation_level=None,
                                         check_same_thread=False)
        except sqlite3.Error as exc:
            raise ProgressFileError(f"{self.path}: cannot open the progress database ({exc})") from None
        try:
            self._conn.execute("PRAGMA busy_timeout = 10000")
            self._open()
        except sqlite3.OperationalError as exc:  # cannot open, read-only, locked, disk full...
            self._conn.close()
            raise ProgressFileError(
                f"{self.path}: cannot use the progress database ({exc}); it was left untouched.") from None
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise ProgressFileError(
                f"{self.path}: damaged progress database ({exc}); it was left untouched. "
                f"Move it away or set {ENV_VAR} to another path.") from None
        except ProgressFileError:
            self._conn.close()
            raise

    # -- opening --------------------------------------------------------------------
    def _ids(self) -> tuple[int, int, int]:
        app = self._conn.execute("PRAGMA application_id").fetchone()[0]
        ver = self._conn.execute("PRAGMA user_version").fetchone()[0]
        n = self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        return app, ver, n

    def _open(self) -> None:
        app, ver, n = self._ids()
        if app == 0 and n == 0:
            self._create()
            app, ver, n = self._ids()
        if app != APPLICATION_ID:
            raise ProgressFileError(
                f"{self.path}: this SQLite file belongs to another program; it was left "
                f"untouched. Set {ENV_VAR} to another path.")
        if ver > SCHEMA_VERSION:
            raise ProgressFileError(
                f"{self.path}: made by a newer version of the course (schema {ver}, this one "
                f"reads up to {SCHEMA_VERSION}); update the course to use it.")
        if ver < 1:
            raise ProgressFileError(f"{self.path}: progress database has no schema (version {ver})")
        check = self._conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise sqlite3.DatabaseError(check)
        self._conn.execute(f"PRAGMA journal_mode = {self.journal_mode.upper()}")
        # NORMAL in WAL mode survives a killed process (not a power cut), and keeps writes
        # fast; the rollback journal needs FULL for the same safety.
        self._conn.execute(f"PRAGMA synchronous = {'NORMAL' if self.journal_mode == 'wal' else 'FULL'}")

    def _create(self) -> None:
        with self._transaction():
            app, _, n = self._ids()
            if app == 0 and n == 0:  # another kernel may have created it while we waited
                for stmt in _SCHEMA.split(";"):
                    if stmt.strip():
                        self._conn.execute(stmt)
                created = datetime.now(timezone.utc).isoformat(timespec="microseconds")
                seed = f"{self.path.resolve()}|{created}|{time.perf_counter_ns()}|{os.getpid()}"
                key = hashlib.sha256(seed.encode()).hexdigest()[:16]
                self._conn.executemany("INSERT INTO meta VALUES (?, ?)", [
                    ("created", created), ("learner_key", key),
                    ("pseudonym", generated_pseudonym(seed)), ("pseudonym_chosen", "0")])
                self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------
    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` ... ``COMMIT``; on failure the first error is the one raised.

        SQLite rolls a transaction back by itself after some errors (disk full, I/O
        error), so ROLLBACK is sent only while one is still open: an unconditional one
        would raise "no transaction is active" and hide what went wrong.
        """
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    try:
                        conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass  # the error being raised says more than this one
                raise

    def record(self, attempt: Any, kind: str | None = None) -> int:
        """Store one answer (a ``curriculum.activities.attempts.Attempt`` or anything shaped like it).

        Returns its attempt number: 1 + the highest stored for the same lesson, activity
        and item, counted in the same transaction as the insert (``attempt.attempt`` is
        the view's own count, which restarts with the view, so it is not used).
        """
        at = attempt.at.isoformat() if isinstance(attempt.at, datetime) else str(attempt.at)
        correct = None if attempt.correct is None else int(bool(attempt.correct))
        key = (attempt.lesson, attempt.activity, attempt.item)
        answer = json.dumps([str(a) for a in attempt.answer], ensure_ascii=False)
        with self._transaction() as conn:
            number = conn.execute(
                "SELECT coalesce(max(attempt), 0) + 1 FROM attempts "
                "WHERE lesson = ? AND activity = ? AND item = ?", key).fetchone()[0]
            conn.execute(
                "INSERT INTO attempts (lesson, activity, kind, item, answer, correct, attempt, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (attempt.lesson, attempt.activity, kind, attempt.item, answer, correct, number, at))
        return number

    def set_pseudonym(self, name: str) -> str:
        name = check_pseudonym(name)
        with self._transaction() as conn:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'pseudonym'", (name,))
            conn.execute("UPDATE meta SET value = '1' WHERE key = 'pseudonym_chosen'")
        return name

    def reset(self) -> int:
        """Delete every stored answer (the pseudonym stays). Returns how many were deleted:
        the rows this one statement removed, so an answer saved meanwhile is counted too."""
        with self._transaction() as conn:
            return conn.execute("DELETE FROM attempts").rowcount

    # -- reading ----------------------------------------------------------------------
    def _meta(self, key: str) -> str:
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else ""

    @property
    def pseudonym(self) -> str:
        return self._meta("pseudonym")

    @property
    def learner_key(self) -> str:
        """A stable key that tells two hand-ins of the same learner apart from others."""
        return self._meta("learner_key")

    def count(self) -> int:
        with self._lock:
            return self._conn.execute("SELECT count(*) FROM attempts").fetchone()[0]

    def attempts(self, include_private: bool = True) -> list[StoredAttempt]:
        """All answers in the order given. Private kinds (reflections) only when asked."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT lesson, activity, kind, item, answer, correct, attempt, at "
                "FROM attempts ORDER BY id").fetchall()
        out = [StoredAttempt(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])),
                             None if r[5] is None else bool(r[5]), r[6], r[7]) for r in rows]
        if not include_private:
            out = [a for a in out if a.kind not in PRIVATE_KINDS]
        return out

    def export(self, include_reflections: bool = False) -> dict[str, Any]:
        """The hand-in file's content: versioned, pseudonymous, reflections only on request.

        Built through ``export.ProgressExport``, the model the class report reads with, so
        what is written is what is read (a store that cannot fit it raises, never writes).
        """
        from .export import ExportedAttempt, Learner, ProgressExport

        return ProgressExport(
            format=EXPORT_FORMAT,
            schema_version=EXPORT_VERSION,
            exported_at=datetime.now(timezone.utc).isoformat(timespec="microseconds"),
            learner=Learner(pseudonym=self.pseudonym, key=self.learner_key),
            includes_reflections=include_reflections,
            attempts=[ExportedAttempt(**a.as_export())
                      for a in self.attempts(include_private=include_reflections)],
        ).model_dump(mode="json")


def export_filename(pseudonym: str) -> str:
    """``progress-calm-otter-42.json``: safe on every file system."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", pseudonym).strip("-")[:40] or "learner"
    return f"progress-{slug}.json"


# -- live recording -------------------------------------------------------------------
_stores: dict[Path, ProgressStore] = {}
_stores_lock = threading.Lock()


def store_for(path: Path | None = None) -> ProgressStore:
    """The open store for ``path`` (default: ``default_path()``), opened once per process."""
    path = path or default_path()
    with _stores_lock:
        if path not in _stores:
            _stores[path] = ProgressStore(path)
        return _stores[path]


def _kind_of(lesson: str, activity: str) -> str | None:
    try:
        from curriculum.course.load import packaged_course

        return packaged_course().lessons[lesson].activities[activity].kind
    except Exception:  # noqa: BLE001 - an unknown activity is recorded without a kind
        return None


def recorder(attempt: Any) -> None:
    """Listener for ``curriculum.activities.attempts``: record each graded answer in the learner's file.

    An unknown activity with no grade is treated as private (a reflection) so free text
    is never exported by accident.
    """
    kind = _kind_of(attempt.lesson, attempt.activity)
    if kind is None and attempt.correct is None:
        kind = "reflection"
    store_for().record(attempt, kind)
