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


def exporter_for(course: Course, audience: str, lang: str = "en"):
    """An exporter for ``course`` (already in ``lang``), one audience, one language."""
    from .exporter import HandoutExporter

    return HandoutExporter(audience=audience, course=course, lang=lang)


def notebooks_for_language(notebooks_dir: Path, lang: str) -> Path:
    """English notebooks sit in notebooks/; another language's in notebooks/<lang>/."""
    return Path(notebooks_dir) if lang == "en" else Path(notebooks_dir) / lang


def handout_name(lesson: str, audience: str, lang: str = "en") -> str:
    return f"{lesson}.{audience}.html" if lang == "en" else f"{lesson}.{audience}.{lang}.html"


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
          progress: Callable[[int, int, str], None] | None = None,
          langs: Iterable[str] = ("en",)) -> list[Path]:
    """Write every (lesson, audience, language) handout into ``out_dir``; return the paths.

    ``course`` is the English course; each other language is its translation. With the
    educator audience, the teacher's kit pages go to ``out_dir/kit/`` in each language.
    """
    from curriculum.course.translate import translate_course

    from .steps import HandoutError

    lessons, audiences, langs = list(lessons), list(audiences), list(langs)
    notebooks = {(lesson, lang): notebook_for(course, lesson, notebooks_for_language(notebooks_dir, lang))
                 for lang in langs for lesson in lessons}
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    courses = {lang: translate_course(course, lang)[0] for lang in langs}
    exporters = {(a, lang): exporter_for(courses[lang], a, lang)
                 for lang in langs for a in audiences}
    jobs = [(lesson, a, lang) for lang in langs for lesson in lessons for a in audiences]
    written = []
    for n, (lesson, audience, lang) in enumerate(jobs, start=1):
        target = out_dir / handout_name(lesson, audience, lang)
        if progress:
            progress(n, len(jobs), target.name)
        nb = nbformat.read(notebooks[lesson, lang], as_version=4)
        try:
            body, _ = exporters[audience, lang].from_notebook_node(nb)
        except HandoutError as exc:
            raise BuildError(f"{notebooks[lesson, lang]}: {exc}") from None
        target.write_text(body, encoding="utf-8")
        written.append(target)
    if "educator" in audiences:  # the teacher's kit, which every educator guide links to
        from .kit import build_kit

        written += build_kit(courses, out_dir)
    return written
