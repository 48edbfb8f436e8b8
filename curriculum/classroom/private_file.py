"""Write a file only its owner can read, into a folder only its owner can write.

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

import os
import secrets
import stat
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


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


def write_private(path: Path, data: bytes) -> Path:
    """Put ``data`` at ``path`` as a new file, 0600, replacing whatever was there (a link is
    replaced, never followed). ``PrivateFileError`` names the problem; nothing half-written
    is ever left at ``path``."""
    path = Path(path)
    folder = path.parent
    try:
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise PrivateFileError(f"{folder}: cannot open this folder "
                               f"({(exc.strerror or str(exc)).lower()})") from None
    try:
        problem = folder_problem(os.fstat(dir_fd))
        if problem:
            raise PrivateFileError(f"{folder}: {problem}; write the report into a folder only "
                                   "you can write (e.g. ~/class-reports)")
        temp = f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE,
                         dir_fd=dir_fd)
        except OSError as exc:
            raise PrivateFileError(f"{folder}: cannot write here "
                                   f"({(exc.strerror or str(exc)).lower()})") from None
        try:
            try:
                os.fchmod(fd, FILE_MODE)
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temp, path.name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except OSError as exc:
            try:
                os.unlink(temp, dir_fd=dir_fd)
            except OSError:
                pass
            raise PrivateFileError(f"{path}: cannot write ({(exc.strerror or str(exc)).lower()})"
                                   ) from None
    finally:
        os.close(dir_fd)
    return path
