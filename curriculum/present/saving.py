"""What a learner is told when their answer could not be kept, in their own language.

Every view shows the outcome of its last save (``activities.attempts.SaveOutcome``)
through ``notice_html``: nothing when it was saved or there was nothing to save, and one
line naming the reason and what to do when it failed, each time it fails. The reason is
one of a few plain kinds (``problem_kind``: disk full, folder read-only, damaged file...),
worded from the catalogue; the store's own message (English, with the file's path) is
added in small type for the teacher or the school's IT team.

Why a kind and not the store's message alone: the message is written for whoever
repairs the file, in English; a learner of 12 needs a few words in their language and
one thing to do.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Sequence
from typing import Literal

from markupsafe import Markup

from curriculum.activities.attempts import SaveOutcome

from .strings import t

Kind = Literal["full", "read_only", "damaged", "busy", "newer", "other"]
# What a learner was doing when the save failed: it decides what the line says is still true.
What = Literal["answer", "choice", "reflection"]

_ERRNO_KINDS: dict[int, Kind] = {
    errno.ENOSPC: "full", errno.EDQUOT: "full", errno.EFBIG: "full",
    errno.EROFS: "read_only", errno.EACCES: "read_only", errno.EPERM: "read_only",
}
# SQLite's primary result codes (``sqlite3.Error.sqlite_errorname`` without its extension)
_SQLITE_KINDS: dict[str, Kind] = {
    "SQLITE_FULL": "full", "SQLITE_READONLY": "read_only", "SQLITE_PERM": "read_only",
    "SQLITE_CORRUPT": "damaged", "SQLITE_NOTADB": "damaged",
    "SQLITE_BUSY": "busy", "SQLITE_LOCKED": "busy",
}
# Words of the store's and SQLite's messages, in the order they are looked for: a message
# about a damaged file that ends "set ... to a file in a folder you can write" is damaged.
_MESSAGE_KINDS: tuple[tuple[Kind, tuple[str, ...]], ...] = (
    ("full", ("disk is full", "no space left", "quota exceeded", "file too large")),
    ("newer", ("newer version",)),
    ("damaged", ("damaged", "not a progress database", "malformed", "not a database",
                 "another program", "no schema")),
    ("busy", ("database is locked", "table is locked")),
    ("read_only", ("read-only", "readonly", "permission denied",
                   "cannot save answers in this folder")),
)


def problem_kind(exc: BaseException) -> Kind:
    """The plain kind of a failure to read or write the progress file (the error it was
    raised from first: the store names the file but keeps SQLite's error as the cause)."""
    cause = exc.__cause__
    if cause is not None and problem_kind(cause) != "other":
        return problem_kind(cause)
    if isinstance(exc, OSError) and exc.errno in _ERRNO_KINDS:
        return _ERRNO_KINDS[exc.errno]
    name = getattr(exc, "sqlite_errorname", None) if isinstance(exc, sqlite3.Error) else None
    if name:
        primary = "_".join(name.split("_")[:2])
        if primary in _SQLITE_KINDS:
            return _SQLITE_KINDS[primary]
    text = str(exc).lower()
    for kind, words in _MESSAGE_KINDS:
        if any(word in text for word in words):
            return kind
    return "other"


def reason(exc: BaseException) -> str:
    """A few words, in the learner's language, for why the file could not be used."""
    return t(f"file_problem_{problem_kind(exc)}")


def detail(failures: Sequence[BaseException]) -> str:
    """The store's own words for each failure (for the teacher), one after another."""
    seen: list[str] = []
    for exc in failures:
        text = str(exc).strip() or type(exc).__name__
        if text not in seen:
            seen.append(text)
    return "; ".join(seen)


def alert_html(sentence: str, details: str) -> Markup:
    """One alert line: a sentence for the learner, then the store's own words in small type
    for whoever repairs the file. role=alert: read out each time it appears."""
    return Markup('<p class="csc-file-problem" role="alert">{} '
                  '<small class="csc-detail">({})</small></p>').format(sentence, details)


def problem_html(key: str, failures: Sequence[BaseException], **values: object) -> Markup:
    """The alert line for catalogued sentence ``key``, with the first failure's reason."""
    return alert_html(t(key, reason=reason(failures[0]), **values), detail(failures))


def notice_html(outcome: SaveOutcome | None, what: What = "answer") -> Markup:
    """The line a view shows under its feedback: empty unless the last save failed."""
    if outcome is None or not outcome.failed:
        return Markup()
    return problem_html(f"not_saved_{what}", outcome.failures)
