"""The progress file on disk: private to its learner, ours, never reached through a link.

A learner's reflections are in this file, and a home folder is often readable by everyone
on the server (Debian's default). So the folders the store makes are 0700 and the database
is created 0600 here (``O_EXCL | O_NOFOLLOW``) before SQLite opens it, whatever the umask;
SQLite gives its ``-wal``, ``-shm`` and ``-journal`` the database's own mode. A file an
older version left group- or world-readable is tightened when its owner opens it. A
symbolic link at the database path (or at its ``-wal``, ``-shm``, ``-journal``) is
refused, never followed, and so is anything but a regular file (a pipe there would block
the kernel forever). A file that is not ours (damaged, or another program's database) is
refused before SQLite touches it, so it stays byte for byte as it was. Which journal
the file gets is ``classroom.journal``'s choice.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

from .private_file import FILE_MODE, FOLDER_MODE, set_mode  # noqa: F401 - shared with reports

ENV_VAR = "CURRICULUM_PROGRESS_DB"
# Written into the SQLite header (PRAGMA application_id) so a foreign database is recognised.
APPLICATION_ID = 0x43534331  # "CSC1"
SQLITE_HEADER = b"SQLite format 3\x00"


class ProgressFileError(Exception):
    """The file at the progress path is damaged or is not a progress database."""


def _cannot_save(folder: Path, reason: str) -> ProgressFileError:
    return ProgressFileError(
        f"{folder}: cannot save answers in this folder ({reason}); nothing was changed. "
        f"Set {ENV_VAR} to a file in a folder you can write.")


# -- the file on disk: private, ours, never through a link -----------------------------

SIDE_FILES = ("-wal", "-shm", "-journal")  # SQLite's files beside the database
_HEADER_SIZE = 100  # the SQLite header; application_id is its bytes 68-71 (big-endian)
# Opened only to look: never through a link, never waiting on a pipe, never a terminal.
_LOOK = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0)
_CREATE = os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC

# Files (device, inode) this process has open through a ProgressStore, with how many. A
# POSIX lock belongs to the process and goes when *any* descriptor of the file is closed,
# so a second store of an open file must not open and close the file itself (it would
# drop the first one's SQLite locks); it was checked when first opened.
open_files: dict[tuple[int, int], int] = {}
open_files_lock = threading.Lock()


def forget_open_file(identity: tuple[int, int]) -> None:
    with open_files_lock:
        left = open_files.pop(identity, 1) - 1
        if left:
            open_files[identity] = left


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


def prepare_file(path: Path) -> tuple[int, int]:
    """Check (or create, private) the database file before SQLite opens it; return its
    (device, inode), which must still be the file at ``path`` once SQLite has it open."""
    with open_files_lock:
        looked = _lstat(path)
        already_open = looked is not None and (looked.st_dev, looked.st_ino) in open_files
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


def still_the_file(path: Path, identity: tuple[int, int]) -> None:
    """SQLite opens by name: the file it opened must be the one checked, not a link put
    in its place meanwhile."""
    st = _lstat(path)
    if st is None or stat.S_ISLNK(st.st_mode) or (st.st_dev, st.st_ino) != identity:
        raise ProgressFileError(
            f"{path}: the file was replaced while it was being opened (by a link or another "
            f"file); nothing was written. Try again, or set {ENV_VAR} to another path.")
