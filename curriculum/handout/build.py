"""Build handout files for lessons: the shared core of the CLI, the tests and the bench.

One exporter per audience is reused for every lesson (building the template
environment is the slow part), and each file is named ``<lesson>.<audience>.html``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import nbformat

from curriculum.course.model import Course

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = ROOT / "notebooks"
AUDIENCES = ("student", "educator")


class BuildError(ValueError):
    """A lesson that cannot be built; the message names the lesson or the file."""


def exporter_for(course: Course, audience: str):
    from .exporter import HandoutExporter

    return HandoutExporter(audience=audience, course=course)


def notebook_for(course: Course, lesson_id: str, notebooks_dir: Path = NOTEBOOKS_DIR) -> Path:
    entry = next((e for e in course.meta.lessons if e.id == lesson_id), None)
    if entry is None:
        known = ", ".join(e.id for e in course.meta.lessons)
        raise BuildError(f"unknown lesson {lesson_id!r} (known: {known})")
    path = Path(notebooks_dir) / entry.notebook
    if not path.exists():
        raise BuildError(f"{path}: notebook for lesson {lesson_id!r} is missing")
    return path


def build(course: Course, lessons: Iterable[str], audiences: Iterable[str], out_dir: Path,
          notebooks_dir: Path = NOTEBOOKS_DIR,
          progress: Callable[[int, int, str], None] | None = None) -> list[Path]:
    """Write every (lesson, audience) handout into ``out_dir``; return the paths in order."""
    from .steps import HandoutError

    lessons, audiences = list(lessons), list(audiences)
    notebooks = {lesson: notebook_for(course, lesson, notebooks_dir) for lesson in lessons}
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    exporters = {a: exporter_for(course, a) for a in audiences}
    jobs = [(lesson, a) for lesson in lessons for a in audiences]
    written = []
    for n, (lesson, audience) in enumerate(jobs, start=1):
        target = out_dir / f"{lesson}.{audience}.html"
        if progress:
            progress(n, len(jobs), target.name)
        nb = nbformat.read(notebooks[lesson], as_version=4)
        try:
            body, _ = exporters[audience].from_notebook_node(nb)
        except HandoutError as exc:
            raise BuildError(f"{notebooks[lesson]}: {exc}") from None
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written
