"""The learner's answers, kept in a local SQLite file that only they hold.

Why SQLite: it ships with Python, one file per learner, two kernels can write at once
and a kernel killed mid-answer leaves every earlier answer readable. Every write is one
short ``BEGIN IMMEDIATE`` transaction; a busy timeout lets a second writer wait instead
of failing. The store numbers the attempts (1, 2, 3 per item) inside that transaction,
so a re-run cell or a restarted kernel continues the count instead of starting again.

The learner is a pseudonym (chosen, or generated from the file's creation), never a real
name. Reflection text stays in this file: ``export`` leaves it out unless the learner
asks. A file at the database path that is not ours (damaged, or another program's
database) is refused with a clear error and never written to; so is a folder that cannot
be written (a read-only home), before anything is tried there.

The file on disk (private, ours, never through a link) is
``classroom.progress_file``; the checks on each row as it is read (a damaged row is named
and left out, never a traceback, and reading never writes) are ``classroom.progress_rows``.
``damaged_rows()`` lists the damaged rows for a view; ``export_checked()`` returns an
export together with exactly the rows it left out. Which journal the file gets is
``classroom.journal``'s choice; answers reach the store through ``classroom.recording``.

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
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from curriculum.activities.attempts import Attempt

from .export import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    PRIVATE_KINDS,
    ExportedAttempt,
    Learner,
    ProgressExport,
    check_pseudonym,
    describe,
)
from .journal import journal_mode
from .progress_file import (
    APPLICATION_ID,
    ENV_VAR,
    ProgressFileError,
    forget_open_file,
    open_files,
    open_files_lock,
    prepare_file,
    still_the_file,
)
from .progress_rows import (
    KEY_REPLACED,
    PSEUDONYM_REPLACED,
    READ_ATTEMPTS,
    CheckedExport,
    Damaged,
    DamagedRow,
    StoredAttempt,
    attempt_from_row,
    cell_sql,
    learner_key_from_cell,
    pseudonym_from_cell,
)

APP_NAME = "cyber-safety-curriculum"
SCHEMA_VERSION = 1  # PRAGMA user_version of the database

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


class ProgressStore:
    """One learner's answers in one SQLite file. Safe to share between kernels."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.journal_mode = journal_mode(self.path.parent)
        identity = prepare_file(self.path)
        self._lock = threading.Lock()
        try:
            self._conn = sqlite3.connect(self.path, timeout=10, isolation_level=None,
                                         check_same_thread=False)
        except sqlite3.Error as exc:
            raise ProgressFileError(f"{self.path}: cannot open the progress database ({exc})") from None
        try:
            still_the_file(self.path, identity)
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
        with open_files_lock:
            open_files[identity] = open_files.get(identity, 0) + 1
        # forgotten on close, or when a store nobody closed is collected: a stale entry
        # would skip the checks for a new file that happens to get the same inode
        self._forget = weakref.finalize(self, forget_open_file, identity)

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
        self._forget()  # once only, however often close is called

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

    def record(self, attempt: Attempt) -> int:
        """Store one answer; return its attempt number: 1 + the highest stored for the same
        lesson, activity and item, counted in the same transaction as the insert, so the
        count goes on across kernels and restarts."""
        at = attempt.at.isoformat() if isinstance(attempt.at, datetime) else str(attempt.at)
        correct = None if attempt.correct is None else int(bool(attempt.correct))
        key = (attempt.lesson, attempt.activity, attempt.item)
        answer = json.dumps([str(a) for a in attempt.answer], ensure_ascii=False)
        with self._transaction() as conn:
            # Only sound numbers count: a damaged row (attempt 'x', 0) must not restart it.
            number = conn.execute(
                "SELECT coalesce(max(CASE WHEN typeof(attempt) = 'integer' AND attempt >= 1 "
                "THEN attempt END), 0) + 1 FROM attempts "
                "WHERE lesson = ? AND activity = ? AND item = ?", key).fetchone()[0]
            conn.execute(
                "INSERT INTO attempts (lesson, activity, kind, item, answer, correct, attempt, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (attempt.lesson, attempt.activity, attempt.kind, attempt.item, answer, correct,
                 number, at))
        return number

    def set_pseudonym(self, name: str) -> str:
        """Store a checked pseudonym; it also mends a damaged or missing one."""
        name = check_pseudonym(name)
        with self._transaction() as conn:
            conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [("pseudonym", name), ("pseudonym_chosen", "1")])
        return name

    def reset(self) -> int:
        """Delete every stored answer (the pseudonym stays). Returns how many were deleted:
        the rows this one statement removed, so an answer saved meanwhile is counted too."""
        with self._transaction() as conn:
            return conn.execute("DELETE FROM attempts").rowcount

    # -- reading ----------------------------------------------------------------------
    # Every read checks what it reads (classroom.progress_rows) and never writes; a file
    # SQLite itself cannot read is one ProgressFileError naming it.
    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise ProgressFileError(
                    f"{self.path}: cannot read the progress database ({exc}); "
                    "it was left untouched.") from None

    def _meta_cell(self, key: str) -> tuple[str, Any]:
        rows = self._read(f"SELECT {cell_sql('value')} FROM meta WHERE key = ?", (key,))
        return rows[0] if rows else ("null", None)

    def _fallback_key(self) -> str:
        """For a damaged learner key: stable while this file lives, and unlike another
        learner's (two homes may share a path: /home/jovyan on many hubs)."""
        try:
            st = os.stat(self.path)
            where = f"{st.st_dev}:{st.st_ino}:{st.st_uid}"
        except OSError:
            where = ""
        seed = f"damaged-key|{self.path.resolve()}|{where}|{self._meta_cell('created')!r}"
        return hashlib.sha256(seed.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def _learner(self) -> tuple[str, str, list[DamagedRow]]:
        """(pseudonym, learner key, the meta rows replaced to give them)."""
        damaged = []
        try:
            key = learner_key_from_cell(*self._meta_cell("learner_key"))
        except Damaged as exc:
            key = self._fallback_key()
            damaged.append(DamagedRow(self.path, "meta learner_key", str(exc), KEY_REPLACED))
        try:
            name = pseudonym_from_cell(*self._meta_cell("pseudonym"))
        except Damaged as exc:
            name = generated_pseudonym(key)
            damaged.append(DamagedRow(self.path, "meta pseudonym", str(exc),
                                      PSEUDONYM_REPLACED.format(name=name)))
        return name, key, damaged

    def _checked_attempts(self) -> tuple[list[StoredAttempt], list[DamagedRow]]:
        good, damaged = [], []
        for row in self._read(READ_ATTEMPTS):
            try:
                good.append(attempt_from_row(row))
            except Damaged as exc:
                damaged.append(DamagedRow(self.path, f"attempts row {row[0]}", str(exc)))
        return good, damaged

    @property
    def pseudonym(self) -> str:
        """The learner's made-up name; a generated one if the stored one is damaged."""
        return self._learner()[0]

    @property
    def learner_key(self) -> str:
        """A stable key that tells two hand-ins of the same learner apart from others."""
        return self._learner()[1]

    def count(self) -> int:
        """Rows in the file, damaged ones included (what ``reset`` would delete)."""
        return self._read("SELECT count(*) FROM attempts")[0][0]

    def attempts(self, include_private: bool = True) -> list[StoredAttempt]:
        """All answers in the order given, damaged rows left out (``damaged_rows`` names
        them). Private kinds (reflections) only when asked."""
        out = self._checked_attempts()[0]
        if not include_private:
            out = [a for a in out if a.kind not in PRIVATE_KINDS]
        return out

    def damaged_rows(self) -> list[DamagedRow]:
        """Every row reading leaves out (answers) or replaces (pseudonym, learner key), in
        file order, meta first; empty for a sound file. What a view calls to say so."""
        return self._learner()[2] + self._checked_attempts()[1]

    def export(self, include_reflections: bool = False) -> dict[str, Any]:
        """The hand-in file's content (``export_checked(...).data``): damaged rows left out."""
        return self.export_checked(include_reflections).data

    def export_checked(self, include_reflections: bool = False) -> CheckedExport:
        """The hand-in file's content: versioned, pseudonymous, reflections only on request,
        with exactly the damaged rows it left out or replaced (read once, together).

        A damaged row is left out even when private: with its kind unreadable, it might be
        a reflection. Built through ``export.ProgressExport``, the model the class report
        reads with, so what is written is what is read.
        """
        name, key, damaged = self._learner()
        good, bad = self._checked_attempts()
        exported = []
        for a in good:
            if a.kind in PRIVATE_KINDS and not include_reflections:
                continue
            try:
                exported.append(ExportedAttempt(**a.as_export()))
            except ValidationError as exc:  # a check here missed what the export refuses
                bad.append(DamagedRow(self.path, f"attempts row {a.row}", describe(exc)))
        try:
            data = ProgressExport(
                format=EXPORT_FORMAT,
                schema_version=EXPORT_VERSION,
                exported_at=datetime.now(timezone.utc).isoformat(timespec="microseconds"),
                learner=Learner(pseudonym=name, key=key),
                includes_reflections=include_reflections,
                attempts=exported,
            ).model_dump(mode="json")
        except ValidationError as exc:
            raise ProgressFileError(f"{self.path}: cannot export ({describe(exc)})") from None
        bad.sort(key=lambda d: int(d.where.rsplit(" ", 1)[1]))
        return CheckedExport(data, tuple(damaged + bad))


def export_filename(pseudonym: str) -> str:
    """``progress-calm-otter-42.json``: safe on every file system."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", pseudonym).strip("-")[:40] or "learner"
    return f"progress-{slug}.json"
