"""Translations of the course content: text only, kept in step with the English.

Structure lives once, in the English YAML: ids, correct answers, dates, categories,
sources and grading rules. A translation file carries text and nothing else, so it
cannot change which option is right. One file per language and per content file group:
``curriculum/translations/<lang>/course.yaml`` for course.yaml and
``curriculum/translations/<lang>/<lesson>.yaml`` for a lesson (its lesson.yaml and every
activity file). Each maps a content file's stem to its text slots::

    quiz:                                  # curriculum/content/01-history/quiz.yaml
      questions[first-webcams].prompt:     # a slot: ids where the list has them
        en: When did people first ...      # the English it was translated from
        text: 人們最早在什麼時候 ...          # the translation

The stored English is the fingerprint: when the English text changes, the translation is
stale and the checker names it, with the translation file and line; a text with no
translation is named with the English file and line. Projects that translate notebook
courses by hand lose track of exactly this.

Source titles and publishers are not translated (they name documents as published), nor
are ids, references, dates, categories and links.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from .languages import SOURCE_LANG, checked_language
from .model import Course, Lesson
from .problems import Problem, rule_message
from .rules import SECRECY_MESSAGE, promises_secrecy, school_people_missing
from .walk import walk
from .yaml_source import YamlDocument, read_yaml

TRANSLATIONS_DIR = Path(__file__).resolve().parents[1] / "translations"


@dataclass(frozen=True)
class Slot:
    """One translatable text: its stable key, its path in the English YAML, its text."""

    key: str
    path: tuple[str | int, ...]
    text: str


def slots(obj: Any) -> Iterator[Slot]:
    """Every translatable text of a validated object, keyed by ids where lists have them.

    Sources are never entered (``sources`` is not text): their titles name documents as
    published.
    """
    for path, text in walk(obj):
        if text.strip():
            yield Slot(_key(obj, path), path, text)


def _key(obj: Any, path: tuple) -> str:
    """``path`` with each list position written as its item's id where the item has one,
    so a slot keeps its key when items are added or moved."""
    key = ""
    for part in path:
        if isinstance(part, int):
            obj = obj[part]
            ident = getattr(obj, "id", None) if isinstance(obj, BaseModel) else None
            key += f"[{ident if isinstance(ident, str) else part}]"
        else:
            obj = getattr(obj, part)
            key = f"{key}.{part}" if key else part
    return key


def content_files(course: Course) -> list[tuple[str, str, str, Any]]:
    """(group, stem, English file relative to the content folder, object) for all content."""
    out: list[tuple[str, str, str, Any]] = [("course", "course", "course.yaml", course.meta)]
    for lid, lesson in course.lessons.items():
        out.append((lid, "lesson", f"{lid}/lesson.yaml", lesson.meta))
        out.extend((lid, aid, f"{lid}/{aid}.yaml", a) for aid, a in lesson.activities.items())
    if course.kit is not None:
        out.append(("kit", "kit", "kit.yaml", course.kit))
    return out


def glossary_problems(course: Course, lang: str,
                      content_root: Path | None = None) -> list[Problem]:
    """Every glossary word with no term in ``lang`` (each guide shows both languages)."""
    return [Problem(_english_file(content_root, f"{lid}/lesson.yaml"), None,
                               f"educator.glossary[{term.id}].terms",
                               f"no {lang} term (add {lang}: ... beside en)")
            for lid, lesson in course.lessons.items()
            for term in lesson.meta.educator.glossary if lang not in term.terms]


def _set(data: Any, path: tuple, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _rebuild(obj: BaseModel, changes: list[tuple[tuple, str]]) -> BaseModel:
    """The same object with the texts at ``changes`` replaced (validated again)."""
    if not changes:
        return obj
    data = obj.model_dump(mode="python")
    for path, value in changes:
        _set(data, path, value)
    return type(obj).model_validate(data)


class Change(NamedTuple):
    """One translated text put in place of the English, and where the translation is."""

    path: tuple
    text: str
    key: str
    line: int | None


def _refused(exc: ValidationError, changes: list[Change], file: str,
             stem: str) -> list[Problem]:
    """The content model's objections to the translated texts, at their translation lines."""
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        if err["type"] == "located":
            loc = (*loc, *err["ctx"]["at"])
        change = next((c for c in changes if c.path[:len(loc)] == loc), None) if loc else None
        field = f"{stem}.{change.key}" if change else stem
        message = rule_message(err)
        out.append(Problem(file, change.line if change else None, field,
                                      f"the translation is refused: {message}"))
    return out


class Translations:
    """One language's translation files, read once, with line numbers for the checker."""

    def __init__(self, lang: str, root: Path = TRANSLATIONS_DIR):
        self.lang, self.root = lang, root / lang
        self.docs: dict[str, YamlDocument | None] = {}
        self.problems: list[Problem] = []

    def file(self, group: str) -> Path:
        return self.root / f"{group}.yaml"

    def doc(self, group: str) -> YamlDocument | None:
        if group not in self.docs:
            path = self.file(group)
            doc = None
            if path.exists():
                doc, found = read_yaml(path)
                self.problems += [Problem(str(path), p.line, ".".join(map(str, p.path))
                                                     or "(file)", p.message) for p in found]
                if doc is not None and not isinstance(doc.data, dict):
                    self.problems.append(Problem(str(path), 1, "(file)",
                                                            "a translation file is a mapping"))
                    doc = None
            self.docs[group] = doc
        return self.docs[group]

    def entry(self, group: str, stem: str, key: str) -> tuple[dict | None, int | None]:
        doc = self.doc(group)
        if doc is None:
            return None, None
        block = doc.data.get(stem)
        if not isinstance(block, dict):
            return None, None
        entry = block.get(key)
        line = doc.line_of((stem, key))
        if not (isinstance(entry, dict) and isinstance(entry.get("en"), str)
                and isinstance(entry.get("text"), str)):
            if entry is not None:
                self.problems.append(Problem(
                    str(self.file(group)), line, f"{stem}.{key}",
                    "a translation holds 'en' (the English it was made from) and 'text'"))
            return None, None
        return entry, line


def translate_course(course: Course, lang: str, root: Path = TRANSLATIONS_DIR,
                     content_root: Path | None = None) -> tuple[Course, list[Problem]]:
    """The course in ``lang`` (English where a text is missing) and every missing or stale text.

    ``content_root`` (the English content folder) names a missing text's English file, at
    the line the loader kept for it.
    """
    if lang == SOURCE_LANG:
        return course, []
    tr = Translations(checked_language(lang), root)
    problems: list[Problem] = []
    rebuilt: dict[tuple[str, str], Any] = {}
    for group, stem, rel, obj in content_files(course):
        changes = []
        seen_keys = set()
        for slot in slots(obj):
            seen_keys.add(slot.key)
            entry, line = tr.entry(group, stem, slot.key)
            if entry is None:
                problems.append(Problem(
                    _english_file(content_root, rel),
                    course.text_line(rel, slot.path) if content_root else None,
                    slot.key, f"no {lang} translation"))
                continue
            if entry["en"] != slot.text:
                problems.append(Problem(
                    str(tr.file(group)), line, f"{stem}.{slot.key}",
                    "stale: the English changed after this was translated"))
            if slot.path[:1] != ("educator",) and school_people_missing(entry["text"]):
                problems.append(Problem(
                    str(tr.file(group)), line, f"{stem}.{slot.key}",
                    "says to tell someone trusted without naming the people in school "
                    "(學校社工, 輔導老師, 你信任的老師)"))
            if stem in ("course", "lesson", "kit") and promises_secrecy(entry["text"]):
                problems.append(Problem(str(tr.file(group)), line,
                                                   f"{stem}.{slot.key}", SECRECY_MESSAGE))
            changes.append(Change(slot.path, entry["text"], slot.key, line))
        doc = tr.doc(group)
        block = doc.data.get(stem) if doc is not None else None
        if block is not None and not isinstance(block, dict):
            problems.append(Problem(
                str(tr.file(group)), doc.line_of((stem,)), stem,
                f"the texts of {stem} are a mapping of text keys to 'en' and 'text'"))
        extras = set(block) - seen_keys if isinstance(block, dict) else set()
        for extra in sorted(extras, key=str):
            problems.append(Problem(
                str(tr.file(group)), doc.line_of((stem, extra)), f"{stem}.{extra}",
                "no such text in the English content (removed or renamed): delete it"))
        try:
            rebuilt[(group, stem)] = _rebuild(obj, [(c.path, c.text) for c in changes])
        except ValidationError as exc:  # a translation the content model refuses: English stays
            problems += _refused(exc, changes, str(tr.file(group)), stem)
            rebuilt[(group, stem)] = obj
    lessons = {}
    for lid, lesson in course.lessons.items():
        lessons[lid] = Lesson(meta=rebuilt[(lid, "lesson")], sources=lesson.sources,
                              activities={aid: rebuilt[(lid, aid)] for aid in lesson.activities})
    translated = Course(meta=rebuilt[("course", "course")], lessons=lessons,
                        kit=rebuilt.get(("kit", "kit")))
    problems += glossary_problems(course, lang, content_root)
    return translated, sorted(tr.problems + problems, key=lambda p: (p.file, p.line or 0, p.field))


def _english_file(content_root: Path | None, rel: str) -> str:
    return str(content_root / rel) if content_root else rel

