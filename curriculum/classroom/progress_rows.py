"""Rows of a progress file, checked as they are read.

SQLite keeps any type in any column, and a file can be edited by other tools, so every
row is checked as it is read. A damaged one (an answer that is not a JSON list of text,
attempt 0, a date that is not a date, bytes that are not UTF-8 ...) is left out of what
the store returns and named in a ``DamagedRow`` (``attempts row 12: answer is not a list
of text``); a damaged pseudonym or learner key is replaced by a generated one. So one bad
row never stops a learner handing in the rest, and reading never writes to the file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .export import PSEUDONYM_MAX, check_pseudonym


@dataclass(frozen=True)
class StoredAttempt:
    lesson: str
    activity: str
    kind: str | None
    item: str
    answer: tuple[str, ...]
    correct: bool | None
    attempt: int
    at: str
    row: int = 0  # its row id in the file (what a damaged row's message names), 0 if none

    def as_export(self) -> dict[str, Any]:
        return {"lesson": self.lesson, "activity": self.activity, "kind": self.kind,
                "item": self.item, "answer": list(self.answer), "correct": self.correct,
                "attempt": self.attempt, "at": self.at}


@dataclass(frozen=True)
class DamagedRow:
    """One row of the progress file that reading could not use, and what was done instead.

    ``str()`` is the line to show: ``<file>: attempts row 12: answer is not a list of
    text; left out``. A problem never quotes the row's text (it may be a reflection).
    """

    path: Path
    where: str  # "attempts row 12", "meta pseudonym"
    problem: str  # "answer is not a list of text" (every problem of the row, joined by "; ")
    outcome: str = "left out"

    @property
    def is_answer(self) -> bool:
        """An answer (attempts row) was left out, rather than a name or key replaced."""
        return self.where.startswith("attempts ")

    def __str__(self) -> str:
        return f"{self.path}: {self.where}: {self.problem}; {self.outcome}"


@dataclass(frozen=True)
class CheckedExport:
    """An export and exactly the rows it left out (answers) or replaced (pseudonym, key)."""

    data: dict[str, Any]
    damaged: tuple[DamagedRow, ...] = field(default=())

    @property
    def answers_left_out(self) -> int:
        return sum(1 for d in self.damaged if d.is_answer)


class Damaged(ValueError):
    """A cell (or row) that does not hold what the store wrote there."""


_TYPE_WORDS = {"integer": "a number", "real": "a number", "blob": "binary data", "null": "missing"}
PSEUDONYM_REPLACED = "the generated name {name} is used instead"
KEY_REPLACED = "a key made from the file is used instead"


def cell_sql(column: str) -> str:
    """SQL for a column's storage type and its value; text comes as its bytes, because
    Python's sqlite3 cannot even fetch a row whose text is not UTF-8."""
    return (f"typeof({column}), "
            f"CASE typeof({column}) WHEN 'text' THEN CAST({column} AS BLOB) ELSE {column} END")


def _shown(kind: str, raw: Any) -> str:
    return repr(raw) if kind in ("integer", "real") else _TYPE_WORDS.get(kind, kind)


def _text(name: str, kind: str, raw: Any, nullable: bool = False) -> str | None:
    if kind == "null" and nullable:
        return None
    if kind != "text":
        raise Damaged(f"{name} is {_TYPE_WORDS.get(kind, kind)}, not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Damaged(f"{name} is not UTF-8 text") from None


def _name(name: str, kind: str, raw: Any, nullable: bool = False) -> str | None:
    """A lesson, activity, item or kind id: text on one line, not empty."""
    value = _text(name, kind, raw, nullable)
    if value is None:
        return None
    if not value.strip():
        raise Damaged(f"{name} is empty")
    if not value.isprintable():
        raise Damaged(f"{name} is not one line of printable text")
    return value


def _kind(name: str, kind: str, raw: Any) -> str | None:
    return _name(name, kind, raw, nullable=True)


def _answer(name: str, kind: str, raw: Any) -> tuple[str, ...]:
    text = _text(name, kind, raw)
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, a 5000-digit number, deep nesting
        raise Damaged(f"{name} is not JSON") from None
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        raise Damaged(f"{name} is not a list of text")
    return tuple(value)


def _correct(name: str, kind: str, raw: Any) -> bool | None:
    if kind == "null":
        return None
    if kind == "integer" and raw in (0, 1):
        return bool(raw)
    raise Damaged(f"{name} is {_shown(kind, raw)}, not 0, 1 or empty")


def _attempt_number(name: str, kind: str, raw: Any) -> int:
    if kind == "integer" and raw >= 1:
        return raw
    raise Damaged(f"{name} is {_shown(kind, raw)}, not a whole number from 1")


def _at(name: str, kind: str, raw: Any) -> str:
    value = _text(name, kind, raw)
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise Damaged(f"{name} is not a date and time (ISO 8601)") from None
    return value


_ATTEMPT_FIELDS = (("lesson", _name), ("activity", _name), ("kind", _kind), ("item", _name),
                   ("answer", _answer), ("correct", _correct), ("attempt", _attempt_number),
                   ("at", _at))
READ_ATTEMPTS = (f"SELECT id, {', '.join(cell_sql(name) for name, _ in _ATTEMPT_FIELDS)} "
                  "FROM attempts ORDER BY id")


def attempt_from_row(row: tuple[Any, ...]) -> StoredAttempt:
    """The row as a ``StoredAttempt``; ``Damaged`` naming every field that is wrong."""
    values, problems = {}, []
    for i, (name, check) in enumerate(_ATTEMPT_FIELDS):
        try:
            values[name] = check(name, row[1 + 2 * i], row[2 + 2 * i])
        except Damaged as exc:
            problems.append(str(exc))
    if problems:
        raise Damaged("; ".join(problems))
    return StoredAttempt(**values, row=row[0])


def pseudonym_from_cell(kind: str, raw: Any) -> str:
    """The stored pseudonym, if it is one ``set_pseudonym`` could have stored."""
    value = _text("pseudonym", kind, raw)
    if not value.strip():
        raise Damaged("pseudonym is empty")
    if not value.isprintable():
        raise Damaged("pseudonym is not one line of printable text")
    try:
        return check_pseudonym(value)
    except ValueError:
        raise Damaged(f"pseudonym is {len(value)} characters long (at most {PSEUDONYM_MAX})") from None


def learner_key_from_cell(kind: str, raw: Any) -> str:
    value = _text("learner_key", kind, raw)
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", value):
        raise Damaged("learner_key is not 1 to 64 letters, digits, - or _")
    return value
