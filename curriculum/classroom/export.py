"""The progress export: the one definition of the file a learner hands in.

``ProgressExport`` is a strict pydantic model (no type coercion, no unknown keys). The
store builds every export through it (``ProgressStore.export``), the class report reads
every hand-in through it (``curriculum.classroom.results``), and its JSON Schema is
published beside the README as ``progress-export.schema.json`` for anyone who builds
tools on the files (``python -m curriculum progress schema`` prints it; a test fails
when the committed copy differs).

Each answer is an ``ExportedAttempt``, a strict pydantic dataclass with slots: a class
report reads 600,000 of them, and slotted objects validated straight from the file's bytes
keep that within a small multiple of ``json.loads`` alone (``make bench`` prints the ratio). Strict
dataclasses take JSON or instances, not Python dicts: check decoded data with
``validate_data``.

A file that does not fit is described by ``describe``: one line naming the field, e.g.
``attempts[3].answer: must be a list of text``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic.dataclasses import dataclass

from curriculum.course.problems import field_name, rule_message

EXPORT_FORMAT = "cyber-safety-curriculum/progress-export"
EXPORT_VERSION = 1
PSEUDONYM_MAX = 40
SCHEMA_FILE = "progress-export.schema.json"
# Kinds whose answers are the learner's own words: an export leaves them out unless the
# learner asks, and a class report never shows them.
PRIVATE_KINDS = frozenset({"reflection"})


def check_pseudonym(name: str) -> str:
    """A pseudonym is short, one line, and printable; it is the only name a report shows."""
    name = " ".join(str(name).split())
    if not name:
        raise ValueError("a pseudonym cannot be empty")
    if len(name) > PSEUDONYM_MAX:
        raise ValueError(f"a pseudonym has at most {PSEUDONYM_MAX} characters")
    if not all(ch.isprintable() for ch in name):
        raise ValueError("a pseudonym may hold only printable characters")
    return name


def _date_time(text: str) -> str:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise ValueError("not a date and time (ISO 8601, e.g. 2026-01-05T09:00:00+00:00)") from None
    return text


_STRICT = ConfigDict(strict=True, extra="forbid", frozen=True)
DateTime = Annotated[str, AfterValidator(_date_time), Field(json_schema_extra={"format": "date-time"})]


@dataclass(config=ConfigDict(strict=True, extra="forbid"), frozen=True, slots=True)
class ExportedAttempt:
    """One answer, as the learner gave it."""

    lesson: str = Field(description="lesson id, e.g. 01-history")
    activity: str = Field(description="activity id within the lesson, e.g. quiz")
    kind: str | None = Field(description="activity kind (quiz, reflection, ...); null when unknown")
    item: str = Field(description="question or item id within the activity")
    answer: list[str] = Field(description="the option ids chosen, or the text written")
    correct: bool | None = Field(description="graded result; null for ungraded answers")
    attempt: int = Field(ge=1, description="1 for the learner's first answer to this item, then 2, 3, ...")
    # Text, its format only declared: parsing 600,000 dates would double a class report's time.
    at: str = Field(description="when it was answered (ISO 8601)",
                    json_schema_extra={"format": "date-time"})


class Learner(BaseModel):
    model_config = _STRICT

    pseudonym: Annotated[str, Field(min_length=1, max_length=PSEUDONYM_MAX,
                                    description="the made-up name the learner chose"),
                         AfterValidator(check_pseudonym)]
    key: str = Field(min_length=1, description="stable random key: tells two hand-ins of one "
                                               "learner apart from other learners")


class ProgressExport(BaseModel):
    """A learner's answers, exported to hand in to their educator."""

    model_config = ConfigDict(_STRICT, title="Cyber-safety curriculum progress export")

    format: Literal[EXPORT_FORMAT]  # type: ignore[valid-type]
    schema_version: Literal[EXPORT_VERSION]  # type: ignore[valid-type]
    exported_at: DateTime
    learner: Learner
    includes_reflections: bool = Field(False, description="whether reflection answers (free "
                                                          "text) are included")
    attempts: list[ExportedAttempt] = Field(description="every answer, oldest first")


def validate_data(data: Any) -> ProgressExport:
    """Check decoded JSON data (a dict from ``json.loads``) exactly as its file would be."""
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"not JSON data ({exc})") from None
    return ProgressExport.model_validate_json(text)


def json_schema() -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12) of ``ProgressExport``."""
    schema = ProgressExport.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def json_schema_text() -> str:
    """``json_schema()`` exactly as committed in ``progress-export.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


# -- describing a file that does not fit ---------------------------------------------------

_EXPECTED = {
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "bool_type": "must be true or false",
    "list_type": "must be a list",
    "model_type": "must be an object",
    "dataclass_type": "must be an object",
    "dataclass_exact_type": "must be an object",
    "missing_argument": "missing",
    "unexpected_keyword_argument": "unknown field (not part of this export format)",
    "model_attributes_type": "must be an object",
    "dict_type": "must be an object",
    "missing": "missing",
    "extra_forbidden": "unknown field (not part of this export format)",
}
_NULLABLE = {"kind", "correct"}


def describe(exc: ValidationError) -> str:
    """The first problem in ``exc`` as ``field: what is wrong``, with how many more there are."""
    errors = exc.errors(include_url=False)
    err = errors[0]
    loc = tuple(err["loc"])
    where = field_name(loc) or "(file)"
    what = _EXPECTED.get(err["type"])
    if what is None:
        what = rule_message(err)
    elif loc and loc[-1] in _NULLABLE and err["type"] in ("string_type", "bool_type"):
        what = "must be text or null" if err["type"] == "string_type" else "must be true, false or null"
    if loc[-1:] == ("answer",) or (len(loc) > 1 and loc[-2] == "answer"):
        what = "must be a list of text"
    more = len(errors) - 1
    return f"{where}: {what}" + (f" (and {more} more problem{'s' if more != 1 else ''})" if more else "")


def header_problem(data: Any) -> str | None:
    """What makes ``data`` not a version this code reads, before any field is checked."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        return "not a progress export from this course (format field missing or different)"
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        return "schema_version: missing or not a number"
    if version > EXPORT_VERSION:
        return (f"made by a newer version of the course (schema {version}; this report "
                f"reads up to {EXPORT_VERSION}): update the course and run it again")
    if version < 1:
        return (f"schema {version} is older than this report can read (1 to "
                f"{EXPORT_VERSION}): ask the learner to export again")
    return None
