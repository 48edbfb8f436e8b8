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


def read_text(path: Path | str, limit: int = MAX_BYTES, follow_links: bool = True) -> str:
    """The UTF-8 text of the regular file at ``path``, or ``FileProblem``.

    Opened without blocking (a FIFO cannot hang the reader) and checked to be a regular
    file before a byte is read; at most ``limit`` bytes are read. With ``follow_links``
    false a symbolic link in the last part of the path is refused, not followed.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileProblem("file is missing") from None
    except OSError as exc:
        raise FileProblem(f"cannot read the file: {_plain(exc)}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise FileProblem("not a regular file (a folder, a device or a pipe): "
                          "give the path of a file")
    with os.fdopen(fd, "rb") as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise FileProblem(f"cannot read the file: {_plain(exc)}") from None
    if len(data) > limit:
        raise FileProblem(f"the file is larger than {limit // (1024 * 1024)} MB: this is "
                          "not a course file")
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
