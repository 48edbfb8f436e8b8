"""The learner's answers, kept in a local SQLite file that only they hold.

Why SQLite: it ships with Python, one file per learner, and with write-ahead logging
(WAL) two kernels can write at once and a kernel killed mid-answer leaves every earlier
answer readable. Every write is one short ``BEGIN IMMEDIATE`` transaction; a busy
timeout lets a second writer wait instead of failing.

The learner is a pseudonym (chosen, or generated from the file's creation), never a real
name. Reflection text stays in this file: ``export`` leaves it out unless the learner
asks. A file at the database path that is not ours (damaged, or another program's
database) is refused with a clear error and never written to.

Kept import-light (stdlib only) so recording an answer costs milliseconds.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ENV_VAR = "CURRICULUM_PROGRESS_DB"
APP_NAME = "cyber-safety-curriculum"
# Written into the SQLite header (PRAGMA application_id) so a foreign database is recognised.
APPLICATION_ID = 0x43534331  # "CSC1"
SCHEMA_VERSION = 1  # PRAGMA user_version of the database
EXPORT_FORMAT = "cyber-safety-curriculum/progress-export"
EXPORT_VERSION = 1
SQLITE_HEADER = b"SQLite format 3\x00"
PRIVATE_KINDS = frozenset({"reflection"})
PSEUDONYM_MAX = 40

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


def check_pseudonym(name: str) -> str:
    """A pseudonym is short, one line, and printable; it is the only name a report shows."""
    name = " ".join(str(name).split())
    if not name:
        raise ValueError("a pseudonym cannot be empty")
    if len(name) > PSEUDONYM_MAX:
        raise ValueError(f"a pseudonym has at most {PSEUDONYM_MAX} characters")
    if not all(ch.isprintable() for ch in name):
        raise ValueError("a pseudonym may hold only printable characters")
    return name


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
    except FileNotFoundError:
        return
    if path.is_dir():
        raise ProgressFileError(f"{path}: is a folder, not a progress database")
    if size == 0:
        return
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_HEADER))
    if head != SQLITE_HEADER:
        raise ProgressFileError(
            f"{path}: not a progress database (damaged, or another program's file); "
            f"it was left untouched. Move it away or set {ENV_VAR} to another path.")


class ProgressStore:
    """One learner's answers in one SQLite file. Safe to share between kernels."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else default_path()
        _check_foreign(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        try:
            self._conn = sqlite3.connect(self.path, timeout=10, isolation_level=None,
                                         check_same_thread=False)
        except sqlite3.Error as exc:
            raise ProgressFileError(f"{self.path}: cannot open the progress database ({exc})") from None
        try:
            self._conn.execute("PRAGMA busy_timeout = 10000")
            self._open()
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
        self._conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode survives a killed process (not a power cut), and keeps writes fast.
        self._conn.execute("PRAGMA synchronous = NORMAL")

    def _create(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
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
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------
    def _write(self, sql: str, params: tuple | list = ()) -> None:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.execute(sql, params)
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    def record(self, attempt: Any, kind: str | None = None) -> None:
        """Store one answer (a ``widgets.attempts.Attempt`` or anything shaped like it)."""
        at = attempt.at.isoformat() if isinstance(attempt.at, datetime) else str(attempt.at)
        correct = None if attempt.correct is None else int(bool(attempt.correct))
        self._write(
            "INSERT INTO attempts (lesson, activity, kind, item, answer, correct, attempt, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (attempt.lesson, attempt.activity, kind, attempt.item,
             json.dumps([str(a) for a in attempt.answer], ensure_ascii=False), correct,
             int(attempt.attempt), at))

    def set_pseudonym(self, name: str) -> str:
        name = check_pseudonym(name)
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.execute("UPDATE meta SET value = ? WHERE key = 'pseudonym'", (name,))
                self._conn.execute("UPDATE meta SET value = '1' WHERE key = 'pseudonym_chosen'")
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        return name

    def reset(self) -> int:
        """Delete every stored answer (the pseudonym stays). Returns how many were deleted."""
        n = self.count()
        self._write("DELETE FROM attempts")
        return n

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
        """The hand-in file's content: versioned, pseudonymous, reflections only on request."""
        return {
            "format": EXPORT_FORMAT,
            "schema_version": EXPORT_VERSION,
            "exported_at": datetime.now(timezone.utc).isoformat(timespec="microseconds"),
            "learner": {"pseudonym": self.pseudonym, "key": self.learner_key},
            "includes_reflections": include_reflections,
            "attempts": [a.as_export() for a in self.attempts(include_private=include_reflections)],
        }


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
        from .load import packaged_course

        return packaged_course().lessons[lesson].activities[activity].kind
    except Exception:  # noqa: BLE001 - an unknown activity is recorded without a kind
        return None


def recorder(attempt: Any) -> None:
    """Listener for ``widgets.attempts``: record each graded answer in the learner's file.

    An unknown activity with no grade is treated as private (a reflection) so free text
    is never exported by accident.
    """
    kind = _kind_of(attempt.lesson, attempt.activity)
    if kind is None and attempt.correct is None:
        kind = "reflection"
    store_for().record(attempt, kind)
