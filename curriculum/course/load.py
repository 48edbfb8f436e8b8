"""Load the course from its YAML files and validate all of it at once.

A maintainer who breaks three things wants to hear about all three in one run, each as
``file:line: field: what is wrong``. So loading never stops at the first problem and
never lets a traceback reach the terminal: every file is parsed, every object checked by
the content model, then the whole course checked for what no single file can see
(duplicate ids, source references, lessons missing from ``course.yaml``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .citations import in_educator_notes, source_refs
from .files import FileProblem, path_inside
from .model import (
    ACTIVITY_KINDS,
    NOT_TEXT,
    Activity,
    Course,
    CourseMeta,
    LawExplorer,
    Lesson,
    LessonMeta,
    Source,
    TeacherKit,
    notebook_path_problem,
)
from .yaml_source import YamlDocument, read_yaml

CONTENT_DIR = Path(__file__).resolve().parents[1] / "content"
RESERVED_FILES = {"lesson.yaml", "sources.yaml"}
KIT_FILE = "kit.yaml"

_activity_adapter: TypeAdapter[Activity] = TypeAdapter(Activity)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, precise enough to fix without searching."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field or '(file)'}: {self.message}"


class ContentError(Exception):
    """Raised when the course content is invalid; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _field_name(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def quoted(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters: a value quoted from a file stays one
    readable line however long it is written."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _describe(err: dict[str, Any], model_fields: set[str] | None) -> str:
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
    msg = err["msg"]
    return msg.removeprefix("Value error, ")


def _validation_problems(
    exc: ValidationError, doc: YamlDocument, file: str, strip_tag: bool = False,
    prefix: tuple[str | int, ...] = (),
) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        if strip_tag and loc and loc[0] in ACTIVITY_KINDS:
            loc = loc[1:]
        if err["type"] == "located":  # an object-wide check naming its field (model.located)
            loc = (*loc, *err["ctx"]["at"])
        if err["type"] == "union_tag_invalid":  # the activity's kind, at its own line
            loc = (*loc, "kind")
        loc = (*prefix, *loc)
        out.append(Problem(file, doc.line_of(loc), _field_name(loc), _describe(err, None)))
    return out


def _read(path: Path, root: Path) -> tuple[YamlDocument | None, list[Problem]]:
    doc, yproblems = read_yaml(path)
    return doc, [Problem(_rel(path, root), p.line, _field_name(p.path), p.message)
                 for p in yproblems]


def _rel(path: Path, root: Path) -> str:
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


def _check_refs(obj: Any, known: set[str], doc: YamlDocument, file: str) -> list[Problem]:
    return [
        Problem(file, doc.line_of(path), _field_name(path),
                f"source {quoted(ref)} does not exist (add it to sources.yaml or course.yaml)")
        for path, ref in source_refs(obj)
        if ref not in known
    ]


# Student text names the police awareness page, never "the seed page" (a word of ours).
SEED_PAGE = re.compile(r"\bseed[ -]page\b", re.IGNORECASE)
# Fields a student does not read as text: educator notes, ids, references, enums, links.
NOT_STUDENT_TEXT = NOT_TEXT | {"educator"}


def _texts(obj: Any, path: tuple = (),
           skip: frozenset[str] = NOT_STUDENT_TEXT) -> Iterator[tuple[tuple, str]]:
    """(path, text) for every text field of a validated object but the ``skip`` fields.

    By default the fields a student may read; ``skip=NOT_TEXT`` keeps educator notes too.
    """
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            if name not in skip:
                yield from _texts(getattr(obj, name), (*path, name), skip)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _texts(item, (*path, i), skip)
    elif isinstance(obj, str):
        yield path, obj


# "Tell someone you trust" names who that can be in school, in the same text (English and
# Hong Kong Chinese wordings).
TRUSTED = re.compile(r"someone you trust|(?:a|an) (?:trusted adult|adult you trust)"
                     r"|信任的(?:人|成年人|大人)", re.IGNORECASE)
SCHOOL_PEOPLE = re.compile(r"social worker|guidance teacher|teacher (?:you|they) trust"
                           r"|社工|輔導老師|輔導教師|信任的老師", re.IGNORECASE)


def school_people_missing(text: str) -> bool:
    """Text that says to tell a trusted person without naming anyone in school."""
    return bool(TRUSTED.search(text)) and not SCHOOL_PEOPLE.search(text)


# Since 20 January 2026 every teacher in Hong Kong is a mandated reporter (Cap. 650): no
# adult in school may promise a student secrecy. A text that says what stays in the room
# must say, in the same text, when it does not (English and Hong Kong Chinese wordings).
SECRECY = re.compile(
    r"stays? in (?:the|this) room|in confidence|confidential|keep (?:it|this|that|everything)"
    r" (?:a )?secret|(?:will|won't|will not|never) tell anyone|no one (?:else )?will know"
    r"|留在(?:課室|這裏|這個房間|房間)|保密|不會告訴(?:任何人|別人|其他人)|沒有人會知道",
    re.IGNORECASE)
SECRECY_LIMIT = re.compile(
    r"unless|except|at risk|risk of harm|(?:can ?not|can't|cannot|not|never|don't|do not)"
    r" promise|除非|風險|危險|受到傷害|(?:不能|不可以|不要|切勿|不會|不可)(?:承諾|答應|保證)",
    re.IGNORECASE)


def promises_secrecy(text: str) -> bool:
    """Text that promises confidentiality without saying where it ends."""
    return bool(SECRECY.search(text)) and not SECRECY_LIMIT.search(text)


SECRECY_MESSAGE = ("promises secrecy without its limit: say what stays private unless someone "
                   "may be at risk of harm, and that the student is told first (Cap. 650)")


def _check_secrecy(obj: Any, doc: YamlDocument, file: str) -> list[Problem]:
    """The frame of the course (support, ground rules, notes, scripts, kit) never promises secrecy.

    Activities are left out: a story may have a character ask for a secret, and its
    feedback is where the answer ("no one can promise that") is taught.
    """
    return [Problem(file, doc.line_of(path), _field_name(path), SECRECY_MESSAGE)
            for path, text in _texts(obj, skip=NOT_TEXT) if promises_secrecy(text)]


def _check_educator_only(obj: Any, sources: dict[str, Source], doc: YamlDocument,
                         file: str, student_visible=lambda path: True) -> list[Problem]:
    """A source marked educator_only is cited only where no student reads it."""
    out = []
    for path, ref in source_refs(obj):
        src = sources.get(ref)
        if src is not None and src.educator_only and student_visible(path):
            out.append(Problem(file, doc.line_of(path), _field_name(path),
                               f"{ref!r} is for educators only (educator_only: true"
                               f"{': ' + src.note if src.note else ''}): cite it only in "
                               "educator notes, or cite a source fit for students"))
    return out


def _outside_educator(path: tuple) -> bool:
    return not in_educator_notes(path)


def _check_student_text(obj: Any, doc: YamlDocument, file: str) -> list[Problem]:
    out = []
    for path, text in _texts(obj):
        if SEED_PAGE.search(text):
            out.append(Problem(file, doc.line_of(path), _field_name(path),
                               "student text says 'seed page': name the page (a police "
                               "awareness page, CyberDefender) instead"))
        if school_people_missing(text):
            out.append(Problem(file, doc.line_of(path), _field_name(path),
                               "says to tell someone trusted without naming the people in "
                               "school (the school social worker, a guidance teacher, a "
                               "teacher you trust)"))
    return out


def _check_primary_available(obj: Any, sources: dict[str, Source], doc: YamlDocument,
                             file: str) -> list[Problem]:
    """A claim must not cite a secondary source whose primary source is in the data."""
    out = []
    for path, ref in source_refs(obj):
        src = sources.get(ref)
        if src is not None and src.primary_source:
            out.append(Problem(file, doc.line_of(path), _field_name(path),
                               f"{ref!r} is a secondary source and the data has its primary "
                               f"source {src.primary_source!r}: cite that instead"))
    return out


def _check_primary_links(defined: list[tuple[tuple, Source]], sources: dict[str, Source],
                         doc: YamlDocument, file: str) -> list[Problem]:
    """``primary_source`` names a source that exists and is primary."""
    out = []
    for path, s in defined:
        target = sources.get(s.primary_source) if s.primary_source else None
        if s.primary_source and (target is None or not target.primary):
            out.append(Problem(file, doc.line_of((*path, "primary_source")),
                               _field_name((*path, "primary_source")),
                               f"{s.primary_source!r} is not a source marked primary: true"))
    return out


def _check_law_sources(activity: Any, sources: dict[str, Source], doc: YamlDocument,
                       file: str) -> list[Problem]:
    """A penalty taught as settled must cite a primary source (the ordinance, an official page)."""
    if not isinstance(activity, LawExplorer):
        return []
    out = []
    for i, s in enumerate(activity.situations):
        for j, o in enumerate(s.offences):
            src = sources.get(o.source)
            if (o.status == "in_force" and o.max_penalty and not o.unresolved
                    and src is not None and not src.primary):
                path = ("situations", i, "offences", j, "source")
                out.append(Problem(file, doc.line_of(path), _field_name(path),
                                   f"a settled penalty cites {o.source!r}, which is not a primary "
                                   "source: cite the ordinance or an official page (primary: "
                                   "true), or say what is unsettled (unresolved: ...)"))
    return out


def _shadowed_course_sources(ids: list, course_sources: dict[str, Source], doc: YamlDocument,
                             file: str) -> list[Problem]:
    """A lesson's or the kit's ``sources`` may not reuse a course source's id (which one
    would a citation mean?); ``ids`` are the ids in list order."""
    return [Problem(file, doc.line_of(("sources", i, "id")), f"sources[{i}].id",
                    f"duplicate id {ident!r}: already a course source in course.yaml")
            for i, ident in enumerate(ids) if isinstance(ident, str) and ident in course_sources]


def _check_dups(doc: YamlDocument, file: str) -> list[Problem]:
    return [Problem(file, doc.line_of(path), _field_name(path), f"duplicate id {quoted(ident)}")
            for path, ident in _duplicate_ids(doc.data)]


def _validate(model: Any, doc: YamlDocument, file: str, strip_tag: bool = False):
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_python(doc.data), []
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, _validation_problems(exc, doc, file, strip_tag)


def _load_lesson(folder: Path, root: Path, course_sources: dict[str, Source]):
    problems: list[Problem] = []
    lesson_file = folder / "lesson.yaml"
    doc, found = _read(lesson_file, root)
    problems += found
    meta = None
    if doc:
        meta, found = _validate(LessonMeta, doc, _rel(lesson_file, root))
        problems += found + _check_dups(doc, _rel(lesson_file, root))
        if meta and meta.id != folder.name:
            problems.append(Problem(_rel(lesson_file, root), doc.line_of(("id",)), "id",
                                    f"lesson id {meta.id!r} must match its folder "
                                    f"{folder.name!r}"))

    sources: dict[str, Source] = {}
    sources_file = folder / "sources.yaml"
    sdoc, found = _read(sources_file, root)
    problems += found
    if sdoc:
        rel = _rel(sources_file, root)
        if not isinstance(sdoc.data, dict) or set(sdoc.data) != {"sources"}:
            problems.append(Problem(rel, sdoc.line_of(()), "sources",
                                    "sources.yaml must hold one key, 'sources', with a list"))
        else:
            adapter = TypeAdapter(list[Source])
            try:
                for s in adapter.validate_python(sdoc.data["sources"]):
                    sources[s.id] = s
            except ValidationError as exc:
                problems += _validation_problems(exc, sdoc, rel, prefix=("sources",))
            problems += _check_dups(sdoc, rel)
            listed = sdoc.data["sources"] if isinstance(sdoc.data["sources"], list) else []
            problems += _shadowed_course_sources(
                [s.get("id") if isinstance(s, dict) else None for s in listed],
                course_sources, sdoc, rel)
    known = set(sources) | set(course_sources)
    every_source = {**course_sources, **sources}
    if meta and doc:
        problems += _check_refs(meta, known, doc, _rel(lesson_file, root))
        problems += _check_student_text(meta, doc, _rel(lesson_file, root))
        problems += _check_primary_available(meta, every_source, doc, _rel(lesson_file, root))
        problems += _check_secrecy(meta, doc, _rel(lesson_file, root))
        problems += _check_educator_only(meta, every_source, doc, _rel(lesson_file, root),
                                         _outside_educator)
    if sdoc and sources:
        problems += _check_primary_links(
            [(("sources", i), s) for i, s in enumerate(sources.values())],
            {**course_sources, **sources}, sdoc, _rel(sources_file, root))

    activities: dict[str, Any] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name in RESERVED_FILES:
            continue
        rel = _rel(path, root)
        adoc, found = _read(path, root)
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
        problems += _check_refs(activity, known, adoc, rel)
        problems += _check_student_text(activity, adoc, rel)
        problems += _check_law_sources(activity, {**course_sources, **sources}, adoc, rel)
        problems += _check_primary_available(activity, every_source, adoc, rel)
        problems += _check_educator_only(activity, every_source, adoc, rel)
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
            out.append(Problem(file, doc.line_of(at), _field_name(at), why))
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
    doc, found = _read(course_file, root)
    problems += found
    if doc is None:
        raise ContentError(problems)
    rel = _rel(course_file, root)
    meta, found = _validate(CourseMeta, doc, rel)
    problems += found + _check_dups(doc, rel)
    if meta is None:
        raise ContentError(problems)
    course_sources = {s.id: s for s in meta.sources}
    problems += _check_refs(meta, set(course_sources), doc, rel)
    problems += _check_student_text(meta, doc, rel)
    problems += _check_primary_available(meta, course_sources, doc, rel)
    problems += _check_primary_links([(("sources", i), s) for i, s in enumerate(meta.sources)],
                                     course_sources, doc, rel)
    problems += _check_secrecy(meta, doc, rel)
    problems += _check_educator_only(meta, course_sources, doc, rel, _outside_educator)
    problems += _check_notebooks(meta, doc, rel, notebooks_dir)

    lessons: dict[str, Lesson] = {}
    listed = {e.id for e in meta.lessons}
    for i, entry in enumerate(meta.lessons):
        folder = root / entry.id
        if not folder.is_dir():
            problems.append(Problem(rel, doc.line_of(("lessons", i, "id")), f"lessons[{i}].id",
                                    f"lesson folder {entry.id!r} does not exist"))
            continue
        lesson, found = _load_lesson(folder, root, course_sources)
        problems += found
        if lesson:
            lessons[entry.id] = lesson
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if folder.name not in listed and folder.name != "__pycache__":
            problems.append(Problem(rel, doc.line_of(("lessons",)), "lessons",
                                    f"folder {folder.name!r} holds a lesson that course.yaml "
                                    "does not list"))
    kit, found = _load_kit(root, course_sources, set(lessons) | listed)
    problems += found
    if problems:
        raise ContentError(problems)
    return Course(meta=meta, lessons=lessons, kit=kit)


def _load_kit(root: Path, course_sources: dict[str, Source],
              lesson_ids: set[str]) -> tuple[TeacherKit | None, list[Problem]]:
    """``kit.yaml``: the teacher's kit pages, checked like the rest of the course."""
    path = root / KIT_FILE
    if not path.exists():
        return None, []
    doc, problems = _read(path, root)
    if doc is None:
        return None, problems
    rel = _rel(path, root)
    kit, found = _validate(TeacherKit, doc, rel)
    problems += found + _check_dups(doc, rel)
    if kit is None:
        return None, problems
    own = {s.id: s for s in kit.sources}
    problems += _shadowed_course_sources([s.id for s in kit.sources], course_sources, doc, rel)
    every_source = {**course_sources, **own}
    problems += _check_refs(kit, set(every_source), doc, rel)
    problems += _check_primary_available(kit, every_source, doc, rel)
    problems += _check_primary_links([(("sources", i), s) for i, s in enumerate(kit.sources)],
                                     every_source, doc, rel)
    problems += _check_secrecy(kit, doc, rel)
    for i, page in enumerate(kit.pages):
        if page.in_guides != "all":
            for j, lesson_id in enumerate(page.in_guides):
                if lesson_id not in lesson_ids:
                    problems.append(Problem(rel, doc.line_of(("pages", i, "in_guides", j)),
                                            f"pages[{i}].in_guides[{j}]",
                                            f"no lesson {lesson_id!r} in course.yaml"))
    return kit, problems
