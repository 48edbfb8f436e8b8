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

Private: a learner's reflections are in this file, and a home folder is often readable by
everyone on the server (Debian's default). So the folders the store makes are 0700 and
the database is created 0600 by the store itself (``O_EXCL | O_NOFOLLOW``) before SQLite
opens it, whatever the umask; SQLite gives its ``-wal``, ``-shm`` and ``-journal`` the
database's own mode. A file an older version left group- or world-readable is tightened
when its owner opens it. A symbolic link at the database path (or at its ``-wal``,
``-shm``, ``-journal``) is refused, never followed, and so is anything but a regular file
(a pipe there would block the kernel forever).

Damaged rows: SQLite keeps any type in any column, and a file can be edited by other
tools, so every row is checked as it is read. A damaged one (an answer that is not a JSON
list of text, attempt 0, a date that is not a date, bytes that are not UTF-8 ...) is
left out of ``attempts`` and ``export`` and named in a ``DamagedRow`` (``attempts row 12:
answer is not a list of text``); a damaged pseudonym or learner key is replaced by a
generated one. So one bad row never stops a learner handing in the rest, and reading
never writes to the file. ``damaged_rows()`` lists them for a view; ``export_checked()``
returns an export together with exactly the rows it left out.

Recording an answer is one short transaction (well under a millisecond on a local disk;
``benchmarks/bench_progress.py`` measures it). The export's shape is not written here: it
is ``curriculum.classroom.export``, which the class report reads with too.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import sqlite3
import stat
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
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
    row: int = 0  # its row id in the file (what a damaged row's message names), 0 if none

    def as_export(self) -> dict[str, Any]:
        return {"lesson": self.lesson, "activity": self.activity, "kind": self.kind,
                "item": self.item, "answer": list(self.answer), "correct": self.correct,
                "attempt": self.attempt, "at": self.at}


# -- checking rows as they are read ---------------------------------------------------


@dataclass(frozen=True)
class DamagedRow:
    """One row of the progress file that reading could not use, and what was done instead.

    ``str()`` is the line to show: ``<file>: attempts row 12: answer is not a list of
    text; left out``. A problem never quotes the row's text (it may be a reflection).
    """

    path: Path
    where: str  # "attempts row 12", "meta pseudonym"
    problem: str  # "answer is not a list of text" (every problem of the row, joined by "; ")
    outcome: str = "left out"

    @property
    def is_answer(self) -> bool:
        """An answer (attempts row) was left out, rather than a name or key replaced."""
        return self.where.startswith("attempts ")

    def __str__(self) -> str:
        return f"{self.path}: {self.where}: {self.problem}; {self.outcome}"


@dataclass(frozen=True)
class CheckedExport:
    """An export and exactly the rows it left out (answers) or replaced (pseudonym, key)."""

    data: dict[str, Any]
    damaged: tuple[DamagedRow, ...] = field(default=())

    @property
    def answers_left_out(self) -> int:
        return sum(1 for d in self.damaged if d.is_answer)


class _Damaged(ValueError):
    """A cell (or row) that does not hold what the store wrote there."""


_TYPE_WORDS = {"integer": "a number", "real": "a number", "blob": "binary data", "null": "missing"}
_PSEUDONYM_REPLACED = "the generated name {name} is used instead"
_KEY_REPLACED = "a key made from the file is used instead"


def _cell(column: str) -> str:
    """SQL for a column's storage type and its value; text comes as its bytes, because
    Python's sqlite3 cannot even fetch a row whose text is not UTF-8."""
    return (f"typeof({column}), "
            f"CASE typeof({column}) WHEN 'text' THEN CAST({column} AS BLOB) ELSE {column} END")


def _shown(kind: str, raw: Any) -> str:
    return repr(raw) if kind in ("integer", "real") else _TYPE_WORDS.get(kind, kind)


def _text(name: str, kind: str, raw: Any, nullable: bool = False) -> str | None:
    if kind == "null" and nullable:
        return None
    if kind != "text":
        raise _Damaged(f"{name} is {_TYPE_WORDS.get(kind, kind)}, not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Damaged(f"{name} is not UTF-8 text") from None


def _name(name: str, kind: str, raw: Any, nullable: bool = False) -> str | None:
    """A lesson, activity, item or kind id: text on one line, not empty."""
    value = _text(name, kind, raw, nullable)
    if value is None:
        return None
    if not value.strip():
        raise _Damaged(f"{name} is empty")
    if not value.isprintable():
        raise _Damaged(f"{name} is not one line of printable text")
    return value


def _kind(name: str, kind: str, raw: Any) -> str | None:
    return _name(name, kind, raw, nullable=True)


def _answer(name: str, kind: str, raw: Any) -> tuple[str, ...]:
    text = _text(name, kind, raw)
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, a 5000-digit number, deep nesting
        raise _Damaged(f"{name} is not JSON") from None
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        raise _Damaged(f"{name} is not a list of text")
    return tuple(value)


def _correct(name: str, kind: str, raw: Any) -> bool | None:
    if kind == "null":
        return None
    if kind == "integer" and raw in (0, 1):
        return bool(raw)
    raise _Damaged(f"{name} is {_shown(kind, raw)}, not 0, 1 or empty")


def _attempt_number(name: str, kind: str, raw: Any) -> int:
    if kind == "integer" and raw >= 1:
        return raw
    raise _Damaged(f"{name} is {_shown(kind, raw)}, not a whole number from 1")


def _at(name: str, kind: str, raw: Any) -> str:
    value = _text(name, kind, raw)
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise _Damaged(f"{name} is not a date and time (ISO 8601)") from None
    return value


_ATTEMPT_FIELDS = (("lesson", _name), ("activity", _name), ("kind", _kind), ("item", _name),
                   ("answer", _answer), ("correct", _correct), ("attempt", _attempt_number),
                   ("at", _at))
_READ_ATTEMPTS = (f"SELECT id, {', '.join(_cell(name) for name, _ in _ATTEMPT_FIELDS)} "
                  "FROM attempts ORDER BY id")


def _attempt_from_row(row: tuple[Any, ...]) -> StoredAttempt:
    """The row as a ``StoredAttempt``; ``_Damaged`` naming every field that is wrong."""
    values, problems = {}, []
    for i, (name, check) in enumerate(_ATTEMPT_FIELDS):
        try:
            values[name] = check(name, row[1 + 2 * i], row[2 + 2 * i])
        except _Damaged as exc:
            problems.append(str(exc))
    if problems:
        raise _Damaged("; ".join(problems))
    return StoredAttempt(**values, row=row[0])


def _pseudonym(kind: str, raw: Any) -> str:
    """The stored pseudonym, if it is one ``set_pseudonym`` could have stored."""
    value = _text("pseudonym", kind, raw)
    if not value.strip():
        raise _Damaged("pseudonym is empty")
    if not value.isprintable():
        raise _Damaged("pseudonym is not one line of printable text")
    try:
        return check_pseudonym(value)
    except ValueError:
        raise _Damaged(f"pseudonym is {len(value)} characters long (at most {PSEUDONYM_MAX})") from None


def _learner_key(kind: str, raw: Any) -> str:
    value = _text("learner_key", kind, raw)
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", value):
        raise _Damaged("learner_key is not 1 to 64 letters, digits, - or _")
    return value


# -- the file on disk: private, ours, never through a link -----------------------------

FOLDER_MODE = 0o700
FILE_MODE = 0o600
SIDE_FILES = ("-wal", "-shm", "-journal")  # SQLite's files beside the database
_HEADER_SIZE = 100  # the SQLite header; application_id is its bytes 68-71 (big-endian)
# Opened only to look: never through a link, never waiting on a pipe, never a terminal.
_LOOK = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0)
_CREATE = os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC

# Files (device, inode) this process has open through a ProgressStore, with how many. A
# POSIX lock belongs to the process and goes when *any* descriptor of the file is closed,
# so a second store of an open file must not open and close the file itself (it would
# drop the first one's SQLite locks); it was checked when first opened.
_open_files: dict[tuple[int, int], int] = {}
_open_files_lock = threading.Lock()


def _forget_open_file(identity: tuple[int, int]) -> None:
    with _open_files_lock:
        left = _open_files.pop(identity, 1) - 1
        if left:
            _open_files[identity] = left


def _unreadable(path: Path, exc: OSError) -> ProgressFileError:
    return ProgressFileError(f"{path}: cannot read the progress database ({exc.strerror or exc})")


def _lstat(path: Path) -> os.stat_result | None:
    """The entry itself (a link is not followed), or None if there is none."""
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None  # nothing there yet (or a folder on the way is a file: _check_folder says so)
    except OSError as exc:
        raise _unreadable(path, exc) from None


def _refuse_odd(path: Path, st: os.stat_result) -> None:
    """Only a regular file is a progress database; a link could lead to anyone's file."""
    if stat.S_ISLNK(st.st_mode):
        raise ProgressFileError(
            f"{path}: is a symbolic link; a progress file is never opened through a link "
            f"(it could lead to another file). Nothing was changed: remove the link, or set "
            f"{ENV_VAR} to the file itself.")
    if stat.S_ISDIR(st.st_mode):
        raise ProgressFileError(f"{path}: is a folder, not a progress database")
    if not stat.S_ISREG(st.st_mode):
        raise ProgressFileError(
            f"{path}: is not a regular file (a pipe, socket or device), so not a progress "
            f"database; it was left untouched. Set {ENV_VAR} to another path.")


def _is_loose(st: os.stat_result) -> bool:
    """Group or others may use it, and it is ours to tighten (an older version made it so)."""
    return bool(st.st_mode & 0o077) and st.st_uid == os.geteuid()


# A filesystem without Unix modes (vfat on a USB stick, some network shares) refuses
# chmod: there the mount decides who reads, and refusing to work would help no one.
NO_MODES = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EROFS})


def set_mode(fd: int, mode: int) -> None:
    """``os.fchmod``, except where the filesystem has no Unix modes (``NO_MODES``)."""
    try:
        os.fchmod(fd, mode)
    except OSError as exc:
        if exc.errno not in NO_MODES:
            raise


def _tighten(fd: int, st: os.stat_result) -> None:
    """Group and others lose every permission; the owner's own bits are kept."""
    if _is_loose(st):
        set_mode(fd, stat.S_IMODE(st.st_mode) & 0o700)


def _look_at(path: Path) -> tuple[os.stat_result, bool] | None:
    """The regular file at ``path`` and whether it is ours (a progress database, or empty),
    opened without following a link or blocking; None if there is none. Refuses a link, a
    folder, a pipe, a device, and a file that is not SQLite; tightens one of ours."""
    st = _lstat(path)
    if st is None:
        return None
    _refuse_odd(path, st)
    try:
        fd = os.open(path, _LOOK)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # made a link since lstat
            _refuse_odd(path, os.lstat(path))
        raise _unreadable(path, exc) from None
    try:
        st = os.fstat(fd)
        _refuse_odd(path, st)
        head = os.read(fd, _HEADER_SIZE)
        if head[:len(SQLITE_HEADER)] != SQLITE_HEADER and st.st_size:
            raise ProgressFileError(
                f"{path}: not a progress database (damaged, or another program's file); "
                f"it was left untouched. Move it away or set {ENV_VAR} to another path.")
        ours = int.from_bytes(head[68:72], "big") == APPLICATION_ID or st.st_size == 0
        if ours:  # a progress file, or an empty one that is about to become one
            _tighten(fd, st)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    finally:
        os.close(fd)
    return st, ours


def _check_side_files(path: Path, tighten: bool) -> None:
    """SQLite's -wal/-shm/-journal: regular files, never links; tightened with the database."""
    for suffix in SIDE_FILES:
        side = path.with_name(path.name + suffix)
        st = _lstat(side)
        if st is None:
            continue
        _refuse_odd(side, st)
        if tighten and _is_loose(st):
            try:
                fd = os.open(side, _LOOK)
            except FileNotFoundError:
                continue  # SQLite removed it meanwhile
            except OSError as exc:
                raise _unreadable(side, exc) from None
            try:
                st = os.fstat(fd)
                _refuse_odd(side, st)
                _tighten(fd, st)
            except OSError as exc:
                raise _unreadable(side, exc) from None
            finally:
                os.close(fd)


def _make_folders(folder: Path) -> None:
    """Make ``folder`` and any missing folder above it, each 0700 (the XDG rule for a data
    folder), whatever the umask. A folder that was already there is never changed: it may
    be the learner's home, whose mode is theirs (or their school's) to choose."""
    missing = []
    here = folder
    while not os.path.lexists(here) and here != here.parent:
        missing.append(here)
        here = here.parent
    for made in reversed(missing):
        try:
            os.mkdir(made, FOLDER_MODE)
        except FileExistsError:
            if not made.is_dir():
                raise
            continue  # another kernel made it a moment ago: not ours to change
        fd = os.open(made, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        try:
            set_mode(fd, FOLDER_MODE)  # the umask may have taken the owner's own bits
        finally:
            os.close(fd)


def _check_folder(path: Path) -> None:
    """Make the database's folder (0700), and refuse a folder (or file) that cannot be written.

    Checked before SQLite is asked, so a read-only home gives one clear line instead of
    a half-opened database; SQLite needs to write its journal beside the file.
    """
    folder = path.parent
    try:
        _make_folders(folder)
    except (FileExistsError, NotADirectoryError):
        raise _cannot_save(folder, "a file of that name is in the way") from None
    except OSError as exc:
        raise _cannot_save(folder, (exc.strerror or str(exc)).lower()) from None
    if not folder.is_dir():
        raise _cannot_save(folder, "a file of that name is in the way")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _cannot_save(folder, "read-only")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise _cannot_save(folder, f"{path.name} is read-only")


def _create_private(path: Path) -> bool:
    """Create the empty database file 0600 (SQLite then writes the schema into it); False
    if a file appeared there first (another kernel), which the caller then checks."""
    try:
        fd = os.open(path, _CREATE, FILE_MODE)
    except FileExistsError:
        return False
    except OSError as exc:
        raise _cannot_save(path.parent, (exc.strerror or str(exc)).lower()) from None
    try:
        set_mode(fd, FILE_MODE)  # exact, whatever the umask
    except OSError as exc:
        raise _cannot_save(path.parent, (exc.strerror or str(exc)).lower()) from None
    finally:
        os.close(fd)
    return True


def _prepare_file(path: Path) -> tuple[int, int]:
    """Check (or create, private) the database file before SQLite opens it; return its
    (device, inode), which must still be the file at ``path`` once SQLite has it open."""
    with _open_files_lock:
        looked = _lstat(path)
        already_open = looked is not None and (looked.st_dev, looked.st_ino) in _open_files
    if already_open:  # checked when first opened; opening it again here would drop locks
        _refuse_odd(path, looked)
        _check_folder(path)
        return looked.st_dev, looked.st_ino
    found = _look_at(path)
    _check_side_files(path, tighten=found is not None and found[1])
    _check_folder(path)
    if found is None and not _create_private(path):
        found = _look_at(path)  # another kernel created it meanwhile: check it as theirs
    st = found[0] if found is not None else _lstat(path)
    if st is None:
        raise ProgressFileError(f"{path}: the progress file vanished while it was being "
                                "opened (removed by another program); try again")
    return st.st_dev, st.st_ino


def _still_the_file(path: Path, identity: tuple[int, int]) -> None:
    """SQLite opens by name: the file it opened must be the one checked, not a link put
    in its place meanwhile."""
    st = _lstat(path)
    if st is None or stat.S_ISLNK(st.st_mode) or (st.st_dev, st.st_ino) != identity:
        raise ProgressFileError(
            f"{path}: the file was replaced while it was being opened (by a link or another "
            f"file); nothing was written. Try again, or set {ENV_VAR} to another path.")


class ProgressStore:
    """One learner's answers in one SQLite file. Safe to share between kernels."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.journal_mode = journal_mode(self.path.parent)
        identity = _prepare_file(self.path)
        self._lock = threading.Lock()
        try:
            self._conn = sqlite3.connect(self.path, timeout=10, isolation_level=None,
                                         check_same_thread=False)
        except sqlite3.Error as exc:
            raise ProgressFileError(f"{self.path}: cannot open the progress database ({exc})") from None
        try:
            _still_the_file(self.path, identity)
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
        with _open_files_lock:
            _open_files[identity] = _open_files.get(identity, 0) + 1
        # forgotten on close, or when a store nobody closed is collected: a stale entry
        # would skip the checks for a new file that happens to get the same inode
        self._forget = weakref.finalize(self, _forget_open_file, identity)

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
            # Only sound numbers count: a damaged row (attempt 'x', 0) must not restart it.
            number = conn.execute(
                "SELECT coalesce(max(CASE WHEN typeof(attempt) = 'integer' AND attempt >= 1 "
                "THEN attempt END), 0) + 1 FROM attempts "
                "WHERE lesson = ? AND activity = ? AND item = ?", key).fetchone()[0]
            conn.execute(
                "INSERT INTO attempts (lesson, activity, kind, item, answer, correct, attempt, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (attempt.lesson, attempt.activity, kind, attempt.item, answer, correct, number, at))
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
    # Every read checks what it reads (see "Damaged rows" above) and never writes; a file
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
        rows = self._read(f"SELECT {_cell('value')} FROM meta WHERE key = ?", (key,))
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
            key = _learner_key(*self._meta_cell("learner_key"))
        except _Damaged as exc:
            key = self._fallback_key()
            damaged.append(DamagedRow(self.path, "meta learner_key", str(exc), _KEY_REPLACED))
        try:
            name = _pseudonym(*self._meta_cell("pseudonym"))
        except _Damaged as exc:
            name = generated_pseudonym(key)
            damaged.append(DamagedRow(self.path, "meta pseudonym", str(exc),
                                      _PSEUDONYM_REPLACED.format(name=name)))
        return name, key, damaged

    def _checked_attempts(self) -> tuple[list[StoredAttempt], list[DamagedRow]]:
        good, damaged = [], []
        for row in self._read(_READ_ATTEMPTS):
            try:
                good.append(_attempt_from_row(row))
            except _Damaged as exc:
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
        from pydantic import ValidationError

        from .export import ExportedAttempt, Learner, ProgressExport, describe

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
