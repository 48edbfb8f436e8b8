"""Write a file only its owner can read: the teacher's report, a learner's export.

The class report names learners and how they did, so it is for the teacher alone. Written
the ordinary way (``open(path, "w")``), a file that a student made at that path first
would be written into and stay theirs to edit, and a link a student put there would make
the report overwrite whatever it points at. So the text goes to a new temporary file
(``O_CREAT | O_EXCL | O_NOFOLLOW``, mode 0600, whatever the umask), synced, then renamed
over the target; the folder is opened once and everything happens relative to it, and
it must belong to the writer with no one else allowed to write in it (else a student
could swap the file after it is written).
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
# A filesystem without Unix modes (vfat on a USB stick, some network shares) refuses
# chmod: there the mount decides who reads, and refusing to work would help no one.
NO_MODES = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EROFS})


class PrivateFileError(Exception):
    """The private file could not be written; the message names the path and what to do."""


def make_private_folder(folder: Path) -> None:
    """Make ``folder`` (and missing parents) mode 0700; an existing folder is left as it is
    (``write_private`` checks it)."""
    try:
        os.makedirs(folder, mode=FOLDER_MODE, exist_ok=True)
    except FileExistsError:
        raise PrivateFileError(f"{folder}: a file of that name is in the way") from None
    except OSError as exc:
        raise PrivateFileError(f"{folder}: cannot make this folder "
                               f"({(exc.strerror or str(exc)).lower()})") from None


def folder_problem(st: os.stat_result) -> str | None:
    """Why a folder with status ``st`` is not one only this user can write, or None."""
    if st.st_uid != os.geteuid():
        return "belongs to another account"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"others can write in it (mode {stat.S_IMODE(st.st_mode):04o})"
    return None


def set_mode(fd: int, mode: int) -> None:
    """``os.fchmod``, except where the filesystem has no Unix modes (``NO_MODES``)."""
    try:
        os.fchmod(fd, mode)
    except OSError as exc:
        if exc.errno not in NO_MODES:
            raise


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def write_private(path: Path, data: bytes, *, private_folder: bool = True,
                  refuse_link: bool = False) -> Path:
    """Put ``data`` at ``path`` as a new file, 0600, replacing whatever was there.
    ``PrivateFileError`` names the problem; nothing half-written is ever left at ``path``.

    ``private_folder``: the folder must be the writer's with no one else allowed to write
    in it (the teacher's report). Off for a learner's own export, which may go to a USB
    stick. ``refuse_link``: a link at ``path`` is refused (a learner naming their export
    file) rather than replaced (a report, whose path a student may have planted); it is
    never followed either way.
    """
    path = Path(path)
    folder = path.parent
    try:
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise PrivateFileError(f"{path}: cannot write ({_reason(exc)})") from None
    try:
        if private_folder:
            problem = folder_problem(os.fstat(dir_fd))
            if problem:
                raise PrivateFileError(f"{folder}: {problem}; write the report into a folder "
                                       "only you can write (e.g. ~/class-reports)")
        _check_target(path, dir_fd, refuse_link)
        temp = f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                         FILE_MODE, dir_fd=dir_fd)
        except OSError as exc:
            raise PrivateFileError(f"{path}: cannot write ({_reason(exc)})") from None
        try:
            try:
                set_mode(fd, FILE_MODE)  # exact, whatever the umask
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            finally:
                os.close(fd)
            # replaces a name: never follows a link put there meanwhile
            os.replace(temp, path.name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except OSError as exc:
            try:
                os.unlink(temp, dir_fd=dir_fd)
            except OSError:
                pass
            raise PrivateFileError(f"{path}: cannot write ({_reason(exc)})") from None
    finally:
        os.close(dir_fd)
    return path


def _check_target(path: Path, dir_fd: int, refuse_link: bool) -> None:
    try:
        st = os.stat(path.name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise PrivateFileError(f"{path}: cannot write ({_reason(exc)})") from None
    if stat.S_ISLNK(st.st_mode):
        if refuse_link:
            raise PrivateFileError(f"{path}: is a symbolic link; this file is never written "
                                   "through a link (it could lead to another file): choose "
                                   "another file name")
        return  # replaced by the rename, never followed
    if not stat.S_ISREG(st.st_mode):
        raise PrivateFileError(f"{path}: is not a regular file: choose another file name")
