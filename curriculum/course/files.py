"""Read a content file or a notebook as text without letting the file decide what happens.

A path in the content, or a file found in a folder, may turn out to be anything: a FIFO
that never answers, a device that never ends, a folder, a link out of the folder it
belongs in, bytes that are not UTF-8, a control character no editor shows. Each becomes
a ``FileProblem`` that names the line (and column) where one is known, so a command
prints one line and exits 1 instead of hanging, filling memory or showing a traceback.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

# The largest content file is a few dozen kilobytes, a lesson notebook a few hundred;
# anything near this is not course material, and is refused before it is held in memory.
MAX_BYTES = 8 * 1024 * 1024

# C0 and C1 control characters but tab, line feed and carriage return (a Windows line
# end), and the two non-characters YAML refuses. Nothing a maintainer means to type.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


class FileProblem(ValueError):
    """A file that cannot be read as course text; ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def _plain(exc: OSError) -> str:
    """What went wrong, in words, without Python's ``[Errno n]`` or the path again."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "it is a symbolic link, which is not followed here"
    return (exc.strerror or type(exc).__name__).lower()


class Unread(Exception):
    """Why ``read_regular`` read nothing: ``why`` is ``missing``, ``link`` (not followed),
    ``not_regular`` (a folder, pipe, device or socket), ``too_large`` or ``error``; the
    ``OSError`` behind it, if any, is ``error``. Each caller words it for its own reader."""

    def __init__(self, why: str, error: OSError | None = None):
        super().__init__(why)
        self.why, self.error = why, error


def read_regular(name: Path | str, limit: int, *, dir_fd: int | None = None,
                 follow_links: bool = False) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file ``name`` (relative to ``dir_fd`` if given) and its
    status, or ``Unread``.

    The one way the course reads a file someone else may have put there (a content file,
    a hand-in, a lesson to publish, a drop-box's marker): opened without blocking (a FIFO
    cannot hang the reader), without following a link in its last part unless asked,
    checked to be a regular file on the open descriptor itself, and read only up to
    ``limit`` bytes even if it grows meanwhile.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    if not follow_links:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(name, flags, dir_fd=dir_fd)
    except FileNotFoundError as exc:
        raise Unread("missing", exc) from None
    except OSError as exc:
        link = exc.errno == errno.ELOOP and not follow_links
        raise Unread("link" if link else "error", exc) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Unread("not_regular")
        if st.st_size > limit:
            raise Unread("too_large")
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:  # it grew while being read
                raise Unread("too_large")
            chunks.append(chunk)
    except OSError as exc:
        raise Unread("error", exc) from None
    finally:
        os.close(fd)
    return b"".join(chunks), st


def read_text(path: Path | str, limit: int = MAX_BYTES, follow_links: bool = True) -> str:
    """The UTF-8 text of the regular file at ``path`` (``read_regular``), or ``FileProblem``.

    With ``follow_links`` false a symbolic link in the last part of the path is refused,
    not followed.
    """
    try:
        data, _st = read_regular(path, limit, follow_links=follow_links)
    except Unread as exc:
        if exc.why == "missing":
            raise FileProblem("file is missing") from None
        if exc.why == "not_regular":
            raise FileProblem("not a regular file (a folder, a device or a pipe): "
                              "give the path of a file") from None
        if exc.why == "too_large":
            raise FileProblem(f"the file is larger than {limit // (1024 * 1024)} MB: this is "
                              "not a course file") from None
        raise FileProblem(f"cannot read the file: {_plain(exc.error)}") from None
    return decode(data)


def decode(data: bytes) -> str:
    """``data`` as UTF-8 text (a leading byte-order mark dropped), or ``FileProblem``."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise FileProblem(f"not UTF-8 text: byte 0x{data[exc.start]:02x} at column {column}: "
                          "save the file as UTF-8", line, column) from None
    return text.removeprefix("\ufeff")


def control_character(text: str) -> FileProblem | None:
    """The first control character in ``text`` (tab and line ends allowed), located."""
    found = CONTROL.search(text)
    if found is None:
        return None
    at = found.start()
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return FileProblem(f"control character U+{ord(found.group()):04X} at column {column}: "
                       "delete it (an editor may not show it)", line, column)


def path_inside(folder: Path | str, relative: str | Path) -> Path:
    """``folder/relative`` with every link resolved, or ``FileProblem`` if that leaves ``folder``.

    A path written in the content (a lesson's notebook) is joined to the folder it must
    stay in; ``..``, an absolute path or a symbolic link that points elsewhere would make
    a command read a file no one chose, so the resolved path must still be in the folder.
    """
    base = os.path.realpath(folder)
    target = os.path.realpath(os.path.join(base, relative))
    if os.path.commonpath([base, target]) != base:
        raise FileProblem(f"leads outside {folder} (through '..', an absolute path or a "
                          "symbolic link): keep it inside that folder")
    return Path(target)
