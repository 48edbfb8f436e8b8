"""What is wrong with a file, said the way a maintainer fixes it: ``file:line: field: what``.

The loader, the translation checker and the export reader all name a field by its path in
the data, so the wording lives here, below all of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


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


def field_name(path: Iterable[str | int]) -> str:
    """``('questions', 3, 'prompt')`` -> ``questions[3].prompt``, as the YAML reads."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def rule_message(err: dict) -> str:
    """A pydantic error's own message without the "Value error, " pydantic puts before a
    validator's words: the maintainer reads the rule, not how it was raised."""
    return str(err["msg"]).removeprefix("Value error, ")


def quoted(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters: a value quoted from a file stays one
    readable line however long it is written."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."
