"""Reading a class's hand-ins: a folder of progress exports, one learner each.

``load_results`` reads every ``*.json`` in a folder. A bad file is listed with its reason
and skipped, never fatal; a learner who handed in twice counts once (the latest export
wins). Every file is checked against the one export model (``classroom.export``), straight
from its bytes; only a file that fails is decoded again to say, in one line, what is
wrong and where (``attempts[3].answer: must be a list of text``).

The attempts themselves are not kept: each is counted into a ``LearnerTally`` as its
file is read, which is all ``classroom.report`` needs for its numbers.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .completion import ItemStates, UnitKey
from .export import ExportedAttempt, ProgressExport, describe, header_problem, validate_data
from .store import PRIVATE_KINDS

MAX_FILE_BYTES = 20 * 1024 * 1024

ItemKey = tuple[str, str, str]


class BadFile(ValueError):
    """A results file that cannot be used; the message is the reason shown to the educator."""


class ClassKeys:
    """One copy of each question key, answer and first-try record for a whole class.

    Ten thousand learners answer the same few dozen questions with the same few options;
    sharing these tuples keeps each tally a table of references instead of thousands of
    equal tuples.
    """

    __slots__ = ("items", "tuples")

    def __init__(self) -> None:
        self.items: dict[ItemKey, tuple[ItemKey, UnitKey]] = {}
        self.tuples: dict[tuple, tuple] = {}

    def item(self, lesson: str, activity: str, item: str) -> tuple[ItemKey, UnitKey]:
        """The shared ``(lesson, activity, item)`` key and its ``(lesson, activity, None)``."""
        key = (lesson, activity, item)
        pair = self.items.get(key)
        if pair is None:
            pair = self.items[key] = (key, (lesson, activity, None))
        return pair

    def shared(self, value: tuple) -> tuple:
        """The class's one copy of ``value`` (equal tuples are interchangeable)."""
        return self.tuples.setdefault(value, value)


class LearnerTally:
    """What the report needs from one learner's attempts, counted as the file is read.

    The attempts themselves are dropped with the decoded file: 10,000 hand-ins hold about
    600,000 of them, and keeping them cost most of a report's time and memory. What stays
    per learner is a few dozen keys: the latest state of each item (for completion), the
    first try at each graded question (the lowest attempt number, whatever the order in
    the file), the wrong answers given, and the reflections seen.
    """

    __slots__ = ("states", "first", "wrong", "private", "attempts", "_keys")

    def __init__(self, keys: ClassKeys | None = None) -> None:
        self.states = ItemStates()
        self.first: dict[ItemKey, tuple[int, bool]] = {}  # (attempt number, right?)
        self.wrong: Counter[tuple[ItemKey, tuple[str, ...]]] = Counter()
        self.private: Counter[str] = Counter()  # reflections per lesson, never shown
        self.attempts = 0
        self._keys = ClassKeys() if keys is None else keys

    def add(self, attempts: Iterable[ExportedAttempt]) -> None:
        """Count valid attempts, oldest first (the loop of a 10,000-file report: kept lean)."""
        item, shared = self._keys.item, self._keys.shared
        add_state, first, wrong = self.states.add, self.first, self.wrong
        n = 0
        for a in attempts:
            n += 1
            key, activity_key = item(a.lesson, a.activity, a.item)
            correct = a.correct
            add_state(key, activity_key, correct)
            if a.kind in PRIVATE_KINDS:
                self.private[a.lesson] += 1
                continue
            if correct is None:
                continue
            number = a.attempt
            seen = first.get(key)
            if seen is None or number < seen[0]:
                first[key] = shared((number, correct))
            if not correct:
                wrong[key, shared(tuple(a.answer))] += 1
        self.attempts += n


@dataclass(slots=True)
class LearnerResult:
    key: str
    pseudonym: str
    exported_at: datetime
    file: str
    tally: LearnerTally


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


@dataclass
class Loaded:
    learners: list[LearnerResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # older hand-ins superseded by a later one
    files_read: int = 0


def _result(doc: ProgressExport, keys: ClassKeys | None) -> LearnerResult:
    tally = LearnerTally(keys)
    tally.add(doc.attempts)
    return LearnerResult(doc.learner.key, doc.learner.pseudonym,
                         datetime.fromisoformat(doc.exported_at), "", tally)


def parse_export(data: Any, keys: ClassKeys | None = None) -> LearnerResult:
    """Check one decoded export and return it; ``BadFile`` says what is wrong and where."""
    problem = header_problem(data)
    if problem:
        raise BadFile(problem)
    try:
        doc = validate_data(data)
    except ValidationError as exc:
        raise BadFile(describe(exc)) from None
    except ValueError as exc:
        raise BadFile(str(exc)) from None
    return _result(doc, keys)


def read_export(path: Path, keys: ClassKeys | None = None) -> LearnerResult:
    """One hand-in, checked straight from its bytes (the fast path every valid file takes)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise BadFile(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB: not a progress export")
        raw = path.read_bytes()
    except OSError as exc:
        raise BadFile(f"cannot read ({exc.strerror})") from None
    try:
        doc = ProgressExport.model_validate_json(raw)
    except ValidationError as exc:
        # The slow path, for a file that does not fit: say why, in the words that help most.
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise BadFile("not text (UTF-8): not a progress export") from None
        except json.JSONDecodeError as err:
            raise BadFile(f"not valid JSON, truncated or damaged (line {err.lineno}, column "
                          f"{err.colno})") from None
        raise BadFile(header_problem(data) or describe(exc)) from None
    result = _result(doc, keys)
    result.file = path.name
    return result


def load_results(folder: Path) -> Loaded:
    """Every ``*.json`` in ``folder`` and in its folders one level down: valid ones by
    learner (latest export wins), bad ones listed.

    One level down is where a drop-box keeps each student's hand-ins when the hub cannot
    make a write-only folder (on Zero to JupyterHub every student's server runs as the
    same user, so each gets a folder of their own: see ``deploy/``).
    """
    out = Loaded()
    latest: dict[str, LearnerResult] = {}
    keys = ClassKeys()
    folder = Path(folder)
    found = [*folder.glob("*.json"),
             *(p for p in folder.glob("*/*.json") if not p.parent.name.startswith("."))]
    for path in sorted(found):
        out.files_read += 1
        name = path.relative_to(folder).as_posix()
        try:
            result = read_export(path, keys)
        except BadFile as exc:
            out.skipped.append(Skipped(name, str(exc)))
            continue
        result.file = name
        old = latest.get(result.key)
        if old is None:
            latest[result.key] = result
        elif (_stamp(result), result.file) > (_stamp(old), old.file):
            out.replaced.append(old.file)
            latest[result.key] = result
        else:
            out.replaced.append(result.file)
    out.learners = sorted(latest.values(), key=lambda r: (r.pseudonym.casefold(), r.key))
    return out


def _stamp(r: LearnerResult) -> float:
    return r.exported_at.timestamp()
