"""Load the course from its YAML files and validate all of it at once.

A maintainer who breaks three things wants to hear about all three in one run, each as
``file:line: field: what is wrong``. So loading never stops at the first problem and
never lets a traceback reach the terminal: every file is parsed, every object checked by
the content model and by every course-safety rule of ``rules.CHECKS``, then the whole
course checked for what no single file can see (duplicate ids, lessons missing from
``course.yaml``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .files import FileProblem, path_inside
from .model import (
    ACTIVITY_KINDS,
    Activity,
    Course,
    CourseMeta,
    Lesson,
    LessonMeta,
    LessonSources,
    Source,
    TeacherKit,
    notebook_path_problem,
)
from .problems import ContentError, Problem, field_name, quoted, rule_message
from .rules import CHECKS, Sources
from .walk import walk
from .yaml_source import YamlDocument, read_yaml

CONTENT_DIR = Path(__file__).resolve().parents[1] / "content"
RESERVED_FILES = {"lesson.yaml", "sources.yaml"}
KIT_FILE = "kit.yaml"

_activity_adapter: TypeAdapter[Activity] = TypeAdapter(Activity)


def _describe(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown key (check the spelling; unknown keys are not allowed)"
    if kind.endswith("_type") or kind in ("model_type", "model_attributes_type"):
        got = type(err.get("input")).__name__
        names = {"dict": "mapping", "list": "list", "str": "text", "int": "whole number",
                 "bool": "true/false", "NoneType": "nothing", "float": "number"}
        return f"wrong type: {err['msg'].lower()}, got {names.get(got, got)}"
    if kind == "union_tag_invalid":
        kind_written = quoted(err.get("ctx", {}).get("tag"))
        return f"unknown activity kind {kind_written}; use one of: {', '.join(ACTIVITY_KINDS)}"
    if kind == "union_tag_not_found":
        return f"required field 'kind' is missing; use one of: {', '.join(ACTIVITY_KINDS)}"
    return rule_message(err)


def _validation_problems(exc: ValidationError, doc: YamlDocument, file: str,
                         strip_tag: bool = False) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        if strip_tag and loc and loc[0] in ACTIVITY_KINDS:
            loc = loc[1:]
        if err["type"] == "located":  # an object-wide check naming its field (model.located)
            loc = (*loc, *err["ctx"]["at"])
        if err["type"] == "union_tag_invalid":  # the activity's kind, at its own line
            loc = (*loc, "kind")
        out.append(Problem(file, doc.line_of(loc), field_name(loc), _describe(err)))
    return out


def _read(path: Path) -> tuple[YamlDocument | None, list[Problem]]:
    doc, yproblems = read_yaml(path)
    return doc, [Problem(_rel(path), p.line, field_name(p.path), p.message) for p in yproblems]


def _rel(path: Path) -> str:
    """The path as a person would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _duplicate_ids(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Yield (path, id) for every item whose ``id`` repeats an earlier one in its list."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _duplicate_ids(value, (*path, key))
    elif isinstance(data, list):
        seen: set[Any] = set()
        for i, item in enumerate(data):
            ident = item.get("id") if isinstance(item, dict) else None
            if isinstance(ident, (str, int, float, bool)):  # another type is the model's to name
                if ident in seen:
                    yield (*path, i, "id"), str(ident)
                seen.add(ident)
            yield from _duplicate_ids(item, (*path, i))


def _shadowed_course_sources(ids: list, course_sources: dict[str, Source], doc: YamlDocument,
                             file: str) -> list[Problem]:
    """A lesson's or the kit's ``sources`` may not reuse a course source's id (which one
    would a citation mean?); ``ids`` are the ids in list order."""
    return [Problem(file, doc.line_of(("sources", i, "id")), f"sources[{i}].id",
                    f"duplicate id {ident!r}: already a course source in course.yaml")
            for i, ident in enumerate(ids) if isinstance(ident, str) and ident in course_sources]


def _check_dups(doc: YamlDocument, file: str) -> list[Problem]:
    return [Problem(file, doc.line_of(path), field_name(path), f"duplicate id {quoted(ident)}")
            for path, ident in _duplicate_ids(doc.data)]


def _check_rules(obj: Any, sources: Sources, doc: YamlDocument, file: str) -> list[Problem]:
    """Every rule of ``rules.CHECKS`` on one validated file, each finding at its line."""
    return [Problem(file, doc.line_of(path), field_name(path), message)
            for check in CHECKS for path, message in check(obj, sources)]


def _text_lines(obj: Any, doc: YamlDocument) -> dict[tuple, int | None]:
    """The line of every text of a validated file, kept for the translation checker."""
    return {path: doc.line_of(path) for path, _text in walk(obj)}


def _validate(model: Any, doc: YamlDocument, file: str, strip_tag: bool = False):
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_python(doc.data), []
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, _validation_problems(exc, doc, file, strip_tag)


def _load_lesson(folder: Path, course_sources: dict[str, Source],
                 text_lines: dict[str, dict[tuple, int | None]]):
    """A lesson folder's lesson, sources and activities; ``text_lines`` gets their lines."""
    problems: list[Problem] = []
    lesson_file = folder / "lesson.yaml"
    lesson_rel = _rel(lesson_file)
    doc, found = _read(lesson_file)
    problems += found
    meta = None
    if doc:
        meta, found = _validate(LessonMeta, doc, lesson_rel)
        problems += found + _check_dups(doc, lesson_rel)
        if meta and meta.id != folder.name:
            problems.append(Problem(lesson_rel, doc.line_of(("id",)), "id",
                                    f"lesson id {meta.id!r} must match its folder "
                                    f"{folder.name!r}"))

    own: LessonSources | None = None
    sources_file = folder / "sources.yaml"
    sdoc, found = _read(sources_file)
    problems += found
    if sdoc:
        rel = _rel(sources_file)
        if not isinstance(sdoc.data, dict) or set(sdoc.data) != {"sources"}:
            problems.append(Problem(rel, sdoc.line_of(()), "sources",
                                    "sources.yaml must hold one key, 'sources', with a list"))
        else:
            own, found = _validate(LessonSources, sdoc, rel)
            problems += found + _check_dups(sdoc, rel)
            listed = sdoc.data["sources"] if isinstance(sdoc.data["sources"], list) else []
            problems += _shadowed_course_sources(
                [s.get("id") if isinstance(s, dict) else None for s in listed],
                course_sources, sdoc, rel)
    sources = {s.id: s for s in own.sources} if own else {}
    every_source = {**course_sources, **sources}
    if meta and doc:
        problems += _check_rules(meta, every_source, doc, lesson_rel)
        text_lines[f"{folder.name}/lesson.yaml"] = _text_lines(meta, doc)
    if own and sdoc:
        problems += _check_rules(own, every_source, sdoc, _rel(sources_file))

    activities: dict[str, Any] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name in RESERVED_FILES:
            continue
        rel = _rel(path)
        adoc, found = _read(path)
        problems += found
        if not adoc:
            continue
        if not isinstance(adoc.data, dict):
            problems.append(Problem(rel, adoc.line_of(()), "",
                                    "an activity file must be a mapping of keys"))
            continue
        activity, found = _validate(_activity_adapter, adoc, rel, strip_tag=True)
        dups = _check_dups(adoc, rel)
        # a model that also rejects the repeated id (scenario nodes) must not say it twice
        at_dup = {(p.line, p.field) for p in dups}
        problems += [p for p in found if (p.line, p.field) not in at_dup] + dups
        if activity is None:
            continue
        if activity.id != path.stem:
            problems.append(Problem(rel, adoc.line_of(("id",)), "id",
                                    f"activity id {activity.id!r} must match its file name "
                                    f"{path.stem!r}"))
        problems += _check_rules(activity, every_source, adoc, rel)
        text_lines[f"{folder.name}/{path.name}"] = _text_lines(activity, adoc)
        activities[activity.id] = activity

    if problems or meta is None:
        return None, problems
    return Lesson(meta=meta, sources=sources, activities=activities), problems


def _check_notebooks(meta: CourseMeta, doc: YamlDocument, file: str,
                     notebooks_dir: Path | None) -> list[Problem]:
    """Each lesson's ``notebook`` is a relative ``*.ipynb`` path inside the notebooks folder.

    With the folder at hand (``notebooks_dir``), each such notebook that is there, in
    English or in a language's sub-folder, must also be a file that stays inside it: a
    symbolic link out of the folder would make the handouts read a file no one chose.
    A notebook that is missing is the handout builder's to name (the content is checked
    without the notebooks where a plain install ships none).
    """
    out = []
    try:
        languages = sorted(p.name for p in notebooks_dir.iterdir() if p.is_dir()) \
            if notebooks_dir else []
    except OSError:  # an unreadable folder: the notebooks in it are checked where read
        languages = []
    for i, entry in enumerate(meta.lessons):
        at = ("lessons", i, "notebook")
        why = notebook_path_problem(entry.notebook)
        if why is None and notebooks_dir is not None:
            for sub in ("", *languages):
                relative = Path(sub, entry.notebook)
                if not os.path.lexists(notebooks_dir / relative):
                    continue
                try:
                    real = path_inside(notebooks_dir, relative)
                except FileProblem as exc:
                    why = f"{notebooks_dir / relative} {exc.message}"
                    break
                if not real.is_file():
                    why = f"{notebooks_dir / relative} is not a file"
                    break
        if why:
            out.append(Problem(file, doc.line_of(at), field_name(at), why))
    return out


def load_course(content_dir: Path | str | None = None,
                notebooks_dir: Path | None = None) -> Course:
    """Load and validate the course; raise ContentError listing every problem found.

    With ``notebooks_dir``, each lesson's notebook found there is checked to stay inside it.
    """
    root = Path(content_dir) if content_dir is not None else CONTENT_DIR
    if not root.is_dir():
        raise ContentError([Problem(str(root), None, "", "content folder does not exist")])
    problems: list[Problem] = []
    course_file = root / "course.yaml"
    doc, found = _read(course_file)
    problems += found
    if doc is None:
        raise ContentError(problems)
    rel = _rel(course_file)
    meta, found = _validate(CourseMeta, doc, rel)
    problems += found + _check_dups(doc, rel)
    if meta is None:
        raise ContentError(problems)
    course_sources = {s.id: s for s in meta.sources}
    problems += _check_rules(meta, course_sources, doc, rel)
    text_lines = {"course.yaml": _text_lines(meta, doc)}
    problems += _check_notebooks(meta, doc, rel, notebooks_dir)

    lessons: dict[str, Lesson] = {}
    listed = {e.id for e in meta.lessons}
    for i, entry in enumerate(meta.lessons):
        folder = root / entry.id
        if not folder.is_dir():
            problems.append(Problem(rel, doc.line_of(("lessons", i, "id")), f"lessons[{i}].id",
                                    f"lesson folder {entry.id!r} does not exist"))
            continue
        lesson, found = _load_lesson(folder, course_sources, text_lines)
        problems += found
        if lesson:
            lessons[entry.id] = lesson
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if folder.name not in listed and folder.name != "__pycache__":
            problems.append(Problem(rel, doc.line_of(("lessons",)), "lessons",
                                    f"folder {folder.name!r} holds a lesson that course.yaml "
                                    "does not list"))
    kit, found = _load_kit(root, course_sources, set(lessons) | listed, text_lines)
    problems += found
    if problems:
        raise ContentError(problems)
    course = Course(meta=meta, lessons=lessons, kit=kit)
    course._text_lines = text_lines
    return course


def _load_kit(root: Path, course_sources: dict[str, Source], lesson_ids: set[str],
              text_lines: dict[str, dict[tuple, int | None]],
              ) -> tuple[TeacherKit | None, list[Problem]]:
    """``kit.yaml``: the teacher's kit pages, checked like the rest of the course."""
    path = root / KIT_FILE
    if not path.exists():
        return None, []
    doc, problems = _read(path)
    if doc is None:
        return None, problems
    rel = _rel(path)
    kit, found = _validate(TeacherKit, doc, rel)
    problems += found + _check_dups(doc, rel)
    if kit is None:
        return None, problems
    own = {s.id: s for s in kit.sources}
    problems += _shadowed_course_sources([s.id for s in kit.sources], course_sources, doc, rel)
    problems += _check_rules(kit, {**course_sources, **own}, doc, rel)
    text_lines[KIT_FILE] = _text_lines(kit, doc)
    for i, page in enumerate(kit.pages):
        if page.in_guides != "all":
            for j, lesson_id in enumerate(page.in_guides):
                if lesson_id not in lesson_ids:
                    problems.append(Problem(rel, doc.line_of(("pages", i, "in_guides", j)),
                                            f"pages[{i}].in_guides[{j}]",
                                            f"no lesson {lesson_id!r} in course.yaml"))
    return kit, problems
