"""Which sources a piece of content cites: the one walk over source fields.

The loader uses it to check that every reference resolves; a lesson's handout uses it
to list the sources that lesson actually cites (its own content plus the support list
printed on every lesson), not every source the course knows about.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from .model import Course, Source

SOURCE_FIELDS = {"source", "sources", "also_source"}


def source_refs(obj: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Yield (path, source id) for every source reference in a validated object."""
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if name in SOURCE_FIELDS and isinstance(value, str):
                yield (*path, name), value
            elif name in SOURCE_FIELDS and isinstance(value, list) and all(
                isinstance(v, str) for v in value
            ):
                for i, ref in enumerate(value):
                    yield (*path, name, i), ref
            else:
                yield from source_refs(value, (*path, name))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from source_refs(item, (*path, i))


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
