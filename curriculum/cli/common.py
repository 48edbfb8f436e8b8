"""What every command does when the course content itself is broken: say so, exit 1.

A command that needs the course loads it here; if the content has problems, each is
printed as ``file:line: field: message`` (then the command's own closing line, if it has
one) and the command returns 1 instead of showing a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from curriculum.course.model import Course
from curriculum.course.problems import ContentError


def course_or_report(load: Callable[[], Course],
                     closing: Callable[[int], str] | None = None) -> Course | None:
    """``load()``'s course, or None after printing every content problem to stderr."""
    try:
        return load()
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        if closing is not None:
            print(closing(len(exc.problems)), file=sys.stderr)
        return None


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"
