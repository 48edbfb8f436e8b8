"""Build handout files for lessons: the shared core of the CLI, the tests and the bench.

One exporter per audience is reused for every lesson (building the template
environment is the slow part), and each file is named ``<lesson>.<audience>.html``.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat

from curriculum.course.files import FileProblem, path_inside
from curriculum.course.model import Course, notebook_path_problem
from curriculum.course.notebook_refs import NotebookProblem, read_notebook
from curriculum.course.packaged import NOTEBOOKS_DIR
from curriculum.course.translate import translate_course

from .exporter import HandoutExporter
from .kit import build_kit
from .preprocessors import HandoutError

AUDIENCES = ("student", "educator")


class BuildError(ValueError):
    """A lesson that cannot be built; the message names the lesson or the file."""


def exporter_for(course: Course, audience: str, lang: str = "en") -> HandoutExporter:
    """An exporter for ``course`` (already in ``lang``), one audience, one language."""
    return HandoutExporter(audience=audience, course=course, lang=lang)


def notebooks_for_language(notebooks_dir: Path, lang: str) -> Path:
    """English notebooks sit in notebooks/; another language's in notebooks/<lang>/."""
    return Path(notebooks_dir) if lang == "en" else Path(notebooks_dir) / lang


def handout_name(lesson: str, audience: str, lang: str = "en") -> str:
    return f"{lesson}.{audience}.html" if lang == "en" else f"{lesson}.{audience}.{lang}.html"


def notebook_for(course: Course, lesson_id: str, notebooks_dir: Path = NOTEBOOKS_DIR,
                 lang: str = "en") -> Path:
    """The real path of a lesson's notebook, which must be a file inside ``notebooks_dir``.

    The content check names a bad ``notebook:`` with its line; this refuses it again
    before anything is opened (a course may be built without being checked), and
    refuses a symbolic link out of the folder, so no file outside it is ever read.
    """
    entry = next((e for e in course.meta.lessons if e.id == lesson_id), None)
    if entry is None:
        known = ", ".join(e.id for e in course.meta.lessons)
        raise BuildError(f"unknown lesson {lesson_id!r} (known: {known})")
    why = notebook_path_problem(entry.notebook)
    if why:
        raise BuildError(f"course.yaml: lesson {lesson_id!r}: notebook {entry.notebook!r} {why}")
    relative = notebooks_for_language(Path(), lang) / entry.notebook
    path = Path(notebooks_dir) / relative
    if not os.path.lexists(path):
        raise BuildError(f"{path}: notebook for lesson {lesson_id!r} is missing")
    try:
        return path_inside(notebooks_dir, relative)
    except FileProblem as exc:
        raise BuildError(f"{path}: notebook for lesson {lesson_id!r} {exc.message}") from None


def read_lesson_notebook(path: Path) -> nbformat.NotebookNode:
    """The notebook at ``path`` (a path ``notebook_for`` resolved), or ``BuildError``.

    Read without following a link, as a regular file of bounded size; a damaged file is
    named with its line, never quoted.
    """
    try:
        data = read_notebook(path, follow_links=False)
    except NotebookProblem as exc:
        raise BuildError(f"{path}:{exc.line}: {exc.message}" if exc.line else
                         f"{path}: {exc.message}") from None
    if data.get("nbformat") != 4:
        raise BuildError(f"{path}: not a version 4 notebook: open it in Jupyter and save it")
    try:
        nbformat.validate(nbformat.from_dict(data))
    except nbformat.ValidationError as exc:
        first = str(exc.message).splitlines()[0][:200] if exc.message else "invalid"
        raise BuildError(f"{path}: not a valid notebook ({first})") from None
    return nbformat.versions[4].to_notebook_json(data)  # as nbformat.read: lines joined


def build(course: Course, lessons: Iterable[str], audiences: Iterable[str], out_dir: Path,
          notebooks_dir: Path = NOTEBOOKS_DIR,
          progress: Callable[[int, int, str], None] | None = None,
          langs: Iterable[str] = ("en",)) -> list[Path]:
    """Write every (lesson, audience, language) handout into ``out_dir``; return the paths.

    ``course`` is the English course; each other language is its translation. With the
    educator audience, the teacher's kit pages go to ``out_dir/kit/`` in each language.
    """
    lessons, audiences, langs = list(lessons), list(audiences), list(langs)
    notebooks = {(lesson, lang): notebook_for(course, lesson, notebooks_dir, lang)
                 for lang in langs for lesson in lessons}
    out_dir = Path(out_dir)
    with _writing_into(out_dir):
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
        nb = read_lesson_notebook(notebooks[lesson, lang])
        try:
            body, _ = exporters[audience, lang].from_notebook_node(nb)
        except HandoutError as exc:
            raise BuildError(f"{notebooks[lesson, lang]}: {exc}") from None
        with _writing_into(out_dir):
            target.write_text(body, encoding="utf-8")
        written.append(target)
    if "educator" in audiences:  # the teacher's kit, which every educator guide links to
        with _writing_into(out_dir):
            written += build_kit(courses, out_dir)
    return written


class OutputError(BuildError):
    """The handouts' folder cannot be made or written to; the message says what to do."""


@contextmanager
def _writing_into(out_dir: Path) -> Iterator[None]:
    """A failure to write into ``out_dir`` said in one plain line, without errno numbers."""
    try:
        yield
    except OSError as exc:
        if isinstance(exc, PermissionError):
            why = "you may not write there"
        elif isinstance(exc, (FileExistsError, NotADirectoryError)):
            why = "a file, not a folder, is in the way"
        elif exc.errno == errno.ENOSPC:
            why = "the disk is full"
        else:
            why = (exc.strerror or type(exc).__name__).lower()
        raise OutputError(f"cannot write the handouts into {out_dir}: {why}; choose a folder "
                          "you can write to with --out DIR") from None
