"""Which sources a piece of content cites: the source fields of the content walk.

The loader uses it to check that every reference resolves; a lesson's handout uses it
to list the sources that lesson actually cites (its own content plus the support list
printed on every lesson), not every source the course knows about.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .model import Course, Source
from .walk import walk

SOURCE_FIELDS = {"source", "sources", "also_source"}


def source_refs(obj: Any) -> Iterator[tuple[tuple, str]]:
    """Yield (path, source id) for every source reference in a validated object."""
    for path, value in walk(obj, skip=frozenset()):
        if _field(path) in SOURCE_FIELDS:
            yield path, value


def _field(path: tuple) -> str | None:
    """The field a value is in: the last name of its path (``sources`` for ``sources[2]``)."""
    return next((part for part in reversed(path) if isinstance(part, str)), None)


def in_educator_notes(path: tuple) -> bool:
    """A place inside a lesson's or the course's ``educator`` notes (no student reads it)."""
    return path[:1] == ("educator",)


def cited_sources(course: Course, lesson_id: str, audience: str = "educator") -> list[Source]:
    """The sources a lesson's pages cite, in order of first citation, each once.

    A student's pages leave out what only the educator notes cite: some of those pages
    are for adults only (one gives the method of a suicide), and a worksheet lists only
    the sources of what is on it.
    """
    lesson = course.lessons[lesson_id]
    content = [lesson.meta, *lesson.activities.values(), course.meta.support]
    if audience == "educator":  # every guide prints the course's safeguarding steps
        content.append(course.meta.educator)
    seen: dict[str, Source] = {}
    for obj in content:
        for path, ref in source_refs(obj):
            if audience == "student" and obj is lesson.meta and in_educator_notes(path):
                continue
            if ref not in seen:
                seen[ref] = course.source(lesson_id, ref)
    return list(seen.values())
