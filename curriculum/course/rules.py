"""The course-safety rules: what no content file may say or cite, as one list of checks.

The content model checks what one object can see on its own; these rules also need the
sources the object may cite (the course's and its file's own). Each check takes a
validated object and those sources and yields ``(path, message)`` for every place that
breaks it; the loader runs every check in ``CHECKS`` on every content file and turns
each path into ``file:line: field``. A check that does not concern a kind of file says
so at its top.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from .citations import in_educator_notes, source_refs
from .model import NOT_TEXT, ActivityBase, LawExplorer, LessonSources, Source, TeacherKit
from .problems import quoted
from .walk import walk

Sources = Mapping[str, Source]
Found = Iterator[tuple[tuple, str]]

# Student text names the police awareness page, never "the seed page" (a word of ours).
SEED_PAGE = re.compile(r"\bseed[ -]page\b", re.IGNORECASE)
# Fields a student does not read as text: educator notes, ids, references, enums, links.
NOT_STUDENT_TEXT = NOT_TEXT | {"educator"}

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


def check_source_refs(obj: Any, sources: Sources) -> Found:
    """Every cited source exists, in the file's own sources or the course's."""
    for path, ref in source_refs(obj):
        if ref not in sources:
            yield path, (f"source {quoted(ref)} does not exist "
                         "(add it to sources.yaml or course.yaml)")


def check_student_text(obj: Any, sources: Sources) -> Found:
    """Student text names the police page, and the people in school to tell.

    The teacher's kit is for teachers, and a lesson's sources file holds titles only.
    """
    if isinstance(obj, (TeacherKit, LessonSources)):
        return
    for path, text in walk(obj, skip=NOT_STUDENT_TEXT):
        if SEED_PAGE.search(text):
            yield path, ("student text says 'seed page': name the page (a police "
                         "awareness page, CyberDefender) instead")
        if school_people_missing(text):
            yield path, ("says to tell someone trusted without naming the people in "
                         "school (the school social worker, a guidance teacher, a "
                         "teacher you trust)")


def check_secrecy(obj: Any, sources: Sources) -> Found:
    """The frame of the course (support, ground rules, notes, scripts, kit) never promises secrecy.

    Activities are left out: a story may have a character ask for a secret, and its
    feedback is where the answer ("no one can promise that") is taught.
    """
    if isinstance(obj, (ActivityBase, LessonSources)):
        return
    for path, text in walk(obj, skip=NOT_TEXT):
        if promises_secrecy(text):
            yield path, SECRECY_MESSAGE


def check_educator_only(obj: Any, sources: Sources) -> Found:
    """A source marked educator_only is cited only where no student reads it.

    The teacher's kit is read by teachers only.
    """
    if isinstance(obj, TeacherKit):
        return
    for path, ref in source_refs(obj):
        src = sources.get(ref)
        if src is not None and src.educator_only and not in_educator_notes(path):
            yield path, (f"{ref!r} is for educators only (educator_only: true"
                         f"{': ' + src.note if src.note else ''}): cite it only in "
                         "educator notes, or cite a source fit for students")


def check_primary_available(obj: Any, sources: Sources) -> Found:
    """A claim must not cite a secondary source whose primary source is in the data."""
    for path, ref in source_refs(obj):
        src = sources.get(ref)
        if src is not None and src.primary_source:
            yield path, (f"{ref!r} is a secondary source and the data has its primary "
                         f"source {src.primary_source!r}: cite that instead")


def check_primary_links(obj: Any, sources: Sources) -> Found:
    """A source's ``primary_source`` names a source that exists and is primary."""
    for i, s in enumerate(getattr(obj, "sources", None) or []):
        if isinstance(s, Source) and s.primary_source:
            target = sources.get(s.primary_source)
            if target is None or not target.primary:
                yield ("sources", i, "primary_source"), \
                    f"{s.primary_source!r} is not a source marked primary: true"


def check_law_sources(obj: Any, sources: Sources) -> Found:
    """A penalty taught as settled must cite a primary source (the ordinance, an official page)."""
    if not isinstance(obj, LawExplorer):
        return
    for i, s in enumerate(obj.situations):
        for j, o in enumerate(s.offences):
            src = sources.get(o.source)
            if (o.status == "in_force" and o.max_penalty and not o.unresolved
                    and src is not None and not src.primary):
                yield ("situations", i, "offences", j, "source"), (
                    f"a settled penalty cites {o.source!r}, which is not a primary "
                    "source: cite the ordinance or an official page (primary: "
                    "true), or say what is unsettled (unresolved: ...)")


Check = Callable[[Any, Sources], Found]

CHECKS: list[Check] = [
    check_source_refs,
    check_student_text,
    check_secrecy,
    check_educator_only,
    check_primary_available,
    check_primary_links,
    check_law_sources,
]
